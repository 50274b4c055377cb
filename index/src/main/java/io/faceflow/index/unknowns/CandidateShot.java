package io.faceflow.index.unknowns;

import io.faceflow.index.Ids;

/**
 * One of a candidate's best shots: the aligned face crop as it was seen, the measures the
 * enrolment quality policy checks, and its embedding in the store's model version. The crop is
 * what re-embedding on a model roll-out and naming (enrolment) work from.
 *
 * @param jpeg the aligned crop (112x112), JPEG
 * @param faceSize the face's size in the camera frame, pixels (shorter side of the detection box)
 * @param sharpness the crop's sharpness as {@code FaceQuality.sharpness} measures it; -1 when unknown
 * @param quality the track's shot quality (size x sharpness x frontality), to rank shots
 */
public record CandidateShot(String shotId, String cameraId, long captureTimeMs, double faceSize, double sharpness,
        double quality, byte[] jpeg, float[] embedding) {
    public CandidateShot {
        Ids.requireId("shot id", shotId);
        Ids.requireId("camera id", cameraId);
        if (jpeg == null || jpeg.length == 0) {
            throw new IllegalArgumentException("shot '" + shotId + "' has no image");
        }
        if (embedding == null || embedding.length == 0) {
            throw new IllegalArgumentException("shot '" + shotId + "' has no embedding");
        }
    }
}
