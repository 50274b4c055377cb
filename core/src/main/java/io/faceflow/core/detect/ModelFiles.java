package io.faceflow.core.detect;

import java.nio.file.Path;

/** Where model files are looked for: an explicit folder, else $FACEFLOW_MODELS, else ~/.faceflow/models. */
public final class ModelFiles {
    public static final String MODELS_ENV = "FACEFLOW_MODELS";
    public static final String YUNET_FILE = "face_detection_yunet_2023mar.onnx";

    private ModelFiles() {}

    /** The models folder: {@code configured} when given, else the environment, else the default. */
    public static Path folder(Path configured) {
        if (configured != null) {
            return configured;
        }
        String env = System.getenv(MODELS_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".faceflow", "models");
    }

    public static Path yunet(Path configuredFolder) {
        return folder(configuredFolder).resolve(YUNET_FILE);
    }
}
