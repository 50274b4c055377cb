package io.faceflow.index.gallery;

import java.util.List;

/**
 * Embeds stored face crops with one model; core's embedder adapts to this when the gallery is
 * re-embedded, so the index needs no model code.
 */
public interface CropEmbedder {
    String modelVersion();

    int dimension();

    /** One L2-normalised embedding per encoded crop, in order. */
    float[][] embed(List<byte[]> encodedCrops);
}
