package io.faceflow.app.cli;

import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Detector options shared by every command that finds faces. */
public final class DetectorOptions {
    @Mixin
    ModelsDirOption modelsDir;

    @Option(names = "--score", paramLabel = "S", defaultValue = "" + DetectorConfig.DEFAULT_SCORE,
            description = "Minimum detection score, 0..1 (default: ${DEFAULT-VALUE}).")
    float score;

    @Option(names = "--min-face", paramLabel = "PX", defaultValue = "" + DetectorConfig.DEFAULT_MIN_FACE,
            description = "Ignore faces whose box is smaller than this many pixels (default: ${DEFAULT-VALUE}).")
    int minFace;

    public int minFace() {
        return minFace;
    }

    public YuNetDetector open() {
        return new YuNetDetector(DetectorConfig.forModels(modelsDir.given()).withScoreThreshold(score).withMinFaceSize(minFace));
    }
}
