package io.faceflow.core.pipeline;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.InvalidImageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faces that are aligned crops already (a gallery's stored crops, a set of pre-cropped faces):
 * decoded, brought to the aligned size and embedded together, with no detection. The other way
 * into an embedding beside {@link FacePipeline}.
 */
public final class AlignedCrops {
    private AlignedCrops() {}

    /** One crop's embedding, or why its bytes could not be used. */
    public record Embedded(String source, float[] embedding, String problem) {}

    /** One result per source, in the map's order; unusable bytes are reported, the rest embedded in one call. */
    public static List<Embedded> embed(Embedder embedder, Map<String, byte[]> encoded) {
        ImageDecoder decoder = new ImageDecoder();
        Map<String, BgrImage> crops = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        encoded.forEach((source, bytes) -> {
            try {
                crops.put(source, FaceAligner.asAligned(decoder.decode(bytes)));
            } catch (InvalidImageException e) {
                problems.put(source, e.getMessage());
            }
        });
        float[][] vectors = embedder.embed(List.copyOf(crops.values()));
        Map<String, float[]> bySource = new LinkedHashMap<>();
        int i = 0;
        for (String source : crops.keySet()) {
            bySource.put(source, vectors[i++]);
        }
        List<Embedded> result = new ArrayList<>(encoded.size());
        for (String source : encoded.keySet()) {
            result.add(new Embedded(source, bySource.get(source), problems.get(source)));
        }
        return result;
    }
}
