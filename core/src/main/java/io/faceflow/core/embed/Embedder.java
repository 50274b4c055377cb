package io.faceflow.core.embed;

import io.faceflow.core.image.BgrImage;
import java.util.List;

/**
 * Aligned face crops to L2-normalised embeddings of one model version. {@link FaceEmbedder} runs a
 * real network; the interface lets the stream topology and its tests swap in something lighter.
 */
public interface Embedder {
    /** Every embedding from this embedder is tagged with this version; two versions are never compared. */
    String modelVersion();

    int dimension();

    /** One unit-length embedding per crop, in order. */
    float[][] embed(List<BgrImage> alignedCrops);

    default float[] embed(BgrImage alignedCrop) {
        return embed(List.of(alignedCrop))[0];
    }
}
