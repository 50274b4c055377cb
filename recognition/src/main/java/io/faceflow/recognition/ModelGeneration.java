package io.faceflow.recognition;

import io.faceflow.core.embed.Embedder;
import io.faceflow.index.FaceIndex;

/**
 * One model version as the identifier uses it: the embedder, the gallery collection holding that
 * version's embeddings, and the decision threshold that belongs to the model. Held together so a
 * switch replaces all three at once and no embedding is ever searched against another version.
 *
 * @param onRetire closed once the generation is replaced and its last user is done (the model's native memory)
 */
public record ModelGeneration(Embedder embedder, FaceIndex gallery, DecisionThreshold threshold,
        AutoCloseable onRetire) {
    public ModelGeneration {
        if (!embedder.modelVersion().equals(gallery.modelVersion())) {
            throw new IllegalArgumentException("model " + embedder.modelVersion() + " cannot search the gallery of "
                    + gallery.modelVersion() + ": embeddings of two model versions are never compared. Use the live"
                    + " model's bundle, or re-embed the gallery with this one (`faceflow gallery reindex --model`)");
        }
        if (embedder.dimension() != gallery.dimension()) {
            throw new IllegalArgumentException("model " + embedder.modelVersion() + " makes " + embedder.dimension()
                    + "-d embeddings but its gallery holds " + gallery.dimension() + "-d vectors");
        }
    }

    /** The live gallery of {@code gallery} searched with {@code embedder}; fails when their versions differ. */
    public static ModelGeneration live(Embedder embedder, io.faceflow.index.gallery.GalleryManager gallery,
            DecisionThreshold threshold, AutoCloseable onRetire) {
        return new ModelGeneration(embedder, gallery.live(), threshold, onRetire);
    }

    public String version() {
        return embedder.modelVersion();
    }
}
