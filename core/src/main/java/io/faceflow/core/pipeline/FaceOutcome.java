package io.faceflow.core.pipeline;

import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.image.BgrImage;

/** What became of one input image on its way to an embedding. */
public sealed interface FaceOutcome {
    /** Where the image came from (a file path, a frame id): for reports. */
    String source();

    /** The image's largest face, aligned and embedded. {@code face} is null for pre-aligned input. */
    record Embedded(String source, DetectedFace face, BgrImage crop, float[] embedding, int facesFound)
            implements FaceOutcome {}

    /** The image could not be used; {@code reason} says why in words a person can act on. */
    record Rejected(String source, String reason) implements FaceOutcome {}
}
