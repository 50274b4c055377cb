package io.faceflow.streams.tracking;

import io.faceflow.core.detect.DetectedFace;

/**
 * One detected face handed to the tracker.
 *
 * @param face the detector's box, landmarks and score
 * @param quality the face's {@link ShotQuality}, in [0, 1]
 * @param embedding the face's embedding when it was embedded for this frame; null otherwise
 */
public record FaceObservation(DetectedFace face, double quality, float[] embedding) {
    public FaceObservation {
        if (!(0 <= quality && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in [0, 1] (see ShotQuality), got " + quality);
        }
    }

    public static FaceObservation unembedded(DetectedFace face, double quality) {
        return new FaceObservation(face, quality, null);
    }

    public FaceObservation withEmbedding(float[] vector) {
        return new FaceObservation(face, quality, vector);
    }
}
