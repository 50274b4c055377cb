package io.faceflow.core.detect;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings of the YuNet detector.
 *
 * @param modelFile the YuNet ONNX file (face_detection_yunet_2023mar.onnx)
 * @param scoreThreshold faces scoring below are dropped
 * @param nmsThreshold overlap (IoU) above which the weaker of two boxes is suppressed
 * @param minFaceSize faces whose box is smaller (in pixels, shorter side) are dropped
 * @param topK at most this many candidates enter non-maximum suppression
 */
public record DetectorConfig(Path modelFile, float scoreThreshold, float nmsThreshold, int minFaceSize, int topK) {
    public static final float DEFAULT_SCORE = 0.7f;
    public static final float DEFAULT_NMS = 0.3f;
    public static final int DEFAULT_MIN_FACE = 20;
    public static final int DEFAULT_TOP_K = 5000;

    public DetectorConfig {
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("face detector model not found at " + modelFile
                    + "; run `./faceflow models fetch` or set " + ModelFiles.MODELS_ENV);
        }
        if (scoreThreshold < 0 || scoreThreshold > 1 || nmsThreshold < 0 || nmsThreshold > 1) {
            throw new IllegalArgumentException("score and NMS thresholds must be in [0, 1]");
        }
        if (minFaceSize < 0 || topK < 1) {
            throw new IllegalArgumentException("minFaceSize must be >= 0 and topK >= 1");
        }
    }

    /**
     * The one way to make a detector's settings: the defaults, with the YuNet file from
     * {@code modelsDir} when given, else from {@link ModelFiles}' usual places. Only the folder that
     * is actually used is checked.
     */
    public static DetectorConfig forModels(Path modelsDir) {
        return new DetectorConfig(ModelFiles.yunet(modelsDir), DEFAULT_SCORE, DEFAULT_NMS, DEFAULT_MIN_FACE,
                DEFAULT_TOP_K);
    }

    public DetectorConfig withScoreThreshold(float score) {
        return new DetectorConfig(modelFile, score, nmsThreshold, minFaceSize, topK);
    }

    public DetectorConfig withMinFaceSize(int size) {
        return new DetectorConfig(modelFile, scoreThreshold, nmsThreshold, size, topK);
    }
}
