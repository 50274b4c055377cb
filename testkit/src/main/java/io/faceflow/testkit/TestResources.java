package io.faceflow.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates real data (face photos, videos, the detector model) that lives outside the repo.
 *
 * <p>On a developer machine a missing folder skips the test with a visible reason; under CI
 * ({@code CI=true}) it fails, so a green CI run always means the real-data tests ran.
 */
public final class TestResources {
    public static final String TESTDATA_ENV = "FACEFLOW_TESTDATA";
    public static final String MODELS_ENV = "FACEFLOW_MODELS";
    public static final String VIDEOS_ENV = "FACEFLOW_VIDEOS";

    private TestResources() {}

    /** True when running under CI, where missing resources and servers are failures. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The datasets folder (laid out like shared/datasets). */
    public static Path testData() {
        return folder(TESTDATA_ENV);
    }

    /** The folder holding face_detection_yunet_2023mar.onnx. */
    public static Path models() {
        return folder(MODELS_ENV);
    }

    /** The pretrained MobileFaceNet recogniser (fr_feature.onnx, MIT) in the models folder. */
    public static Path pretrainedRecognizer() {
        Path file = models().resolve("fr_feature.onnx");
        require(java.nio.file.Files.isRegularFile(file), "the pretrained recogniser " + file);
        return file;
    }

    /** The folder holding real video clips (pedestrians_1080p.mp4). */
    public static Path videos() {
        return folder(VIDEOS_ENV);
    }

    /** Fails under CI, skips elsewhere: for anything a test needs but the repo cannot hold. */
    public static void require(boolean available, String what) {
        if (!available) {
            String message = what + " is not available";
            if (inCi()) {
                Assertions.fail(message + " (CI=true: this must not be skipped)");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
    }

    private static Path folder(String env) {
        String value = System.getenv(env);
        require(value != null && !value.isBlank(), "environment variable " + env);
        Path path = Path.of(value);
        require(Files.isDirectory(path), env + "=" + value + " (not a folder)");
        return path;
    }
}
