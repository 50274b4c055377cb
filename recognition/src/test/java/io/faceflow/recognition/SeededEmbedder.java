package io.faceflow.recognition;

import io.faceflow.core.embed.Embedder;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.image.BgrImage;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small deterministic embedder for plumbing tests: the embedding is a function of the crop's
 * pixels (the same crop always gives the same vector), not a face model.
 */
final class SeededEmbedder implements Embedder {
    private final String version;
    private final int dimension;

    SeededEmbedder(String version, int dimension) {
        this.version = version;
        this.dimension = dimension;
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(List<BgrImage> crops) {
        return crops.stream().map(c -> {
            Random r = new Random(Arrays.hashCode(c.pixels()));
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return Vectors.normalize(v);
        }).toArray(float[][]::new);
    }
}
