package io.faceflow.index;

import io.faceflow.index.gallery.CropEmbedder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A stand-in face model for index tests: a "crop" names its person, and every model version maps a
 * person to its own random centre, so two versions give unrelated embedding spaces, as real ones do.
 */
public record SyntheticModel(String modelVersion, int dimension, long salt) implements CropEmbedder {

    public static byte[] crop(int person, int face) {
        return ("person " + person + " face " + face).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public float[][] embed(List<byte[]> encodedCrops) {
        float[][] out = new float[encodedCrops.size()][];
        for (int i = 0; i < out.length; i++) {
            String text = new String(encodedCrops.get(i), StandardCharsets.UTF_8);
            String[] parts = text.split(" ");
            long person = parts.length > 1 ? Long.parseLong(parts[1]) : text.hashCode();
            float[] centre = TestVectors.random(new Random(person * 7919 + salt), dimension);
            out[i] = TestVectors.near(new Random(text.hashCode() * 31L + salt), centre, 0.3);
        }
        return out;
    }
}
