package io.faceflow.app.cli;

import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.detect.YuNetDetector;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Detector options shared by every command that finds faces. */
public final class DetectorOptions {
    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Folder holding " + ModelFiles.YUNET_FILE + " (default: $FACEFLOW_MODELS, else ~/.faceflow/models).")
    Path modelsDir;

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
        return new YuNetDetector(DetectorConfig.forModels(modelsDir).withScoreThreshold(score).withMinFaceSize(minFace));
    }
}
