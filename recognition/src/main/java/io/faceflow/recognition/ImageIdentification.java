package io.faceflow.recognition;

import java.util.List;

/**
 * Every face of one image, identified.
 *
 * @param source where the image came from
 * @param modelVersion the model version whose embeddings were searched
 * @param faces the image's faces, largest first
 * @param problem why the image gave nothing (unreadable, no face); null otherwise
 */
public record ImageIdentification(String source, String modelVersion, List<IdentifiedFace> faces, String problem) {
    public ImageIdentification {
        faces = List.copyOf(faces);
    }
}
