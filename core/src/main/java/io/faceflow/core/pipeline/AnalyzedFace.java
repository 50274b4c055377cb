package io.faceflow.core.pipeline;

import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.quality.QualityMeasures;

/**
 * One face of an image as the pipeline left it.
 *
 * @param detection box, five landmarks and score, in the full-resolution image's coordinates
 * @param quality what the quality policy measured
 * @param crop the aligned crop
 * @param embedding the unit-length embedding; null when the face was rejected
 * @param rejection why the face was not embedded, in words a person can act on; null when accepted
 */
public record AnalyzedFace(DetectedFace detection, QualityMeasures quality, BgrImage crop, float[] embedding,
        String rejection) {
    public boolean accepted() {
        return rejection == null;
    }
}
