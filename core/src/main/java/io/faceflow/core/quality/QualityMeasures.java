package io.faceflow.core.quality;

/**
 * The measured quality of one face.
 *
 * @param faceSize shorter side of the detector's box, in full-resolution pixels
 * @param sharpness {@link FaceQuality#sharpness} of the aligned crop; NaN when not measured
 * @param detectorScore the detector's confidence, 0..1
 */
public record QualityMeasures(double faceSize, double sharpness, double detectorScore) {}
