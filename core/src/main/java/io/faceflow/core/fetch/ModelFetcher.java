package io.faceflow.core.fetch;

import io.faceflow.core.bundle.ModelBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Downloads a model file from its upstream and keeps it only when its SHA-256 matches the
 * expected one. The only network access faceflow makes, and only when a user asks for it.
 */
public final class ModelFetcher {

    /** A file to fetch: where from, what to call it, and the checksum it must have. */
    public record Artifact(String fileName, URI source, String sha256) {}

    /** OpenCV Zoo's YuNet (MIT), as named in the architecture brief. */
    public static final Artifact YUNET = new Artifact("face_detection_yunet_2023mar.onnx",
            URI.create("https://github.com/opencv/opencv_zoo/raw/main/models/face_detection_yunet/"
                    + "face_detection_yunet_2023mar.onnx"),
            "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4");

    /**
     * The pretrained MobileFaceNet recogniser (MIT, Copyright (c) 2021 gitguanqi), published as
     * model/fr_feature.onnx in Faceplugin-ltd/FaceRecognition-LivenessDetection-Javascript.
     */
    public static final Artifact FR_FEATURE = new Artifact("fr_feature.onnx",
            URI.create("https://github.com/Faceplugin-ltd/FaceRecognition-LivenessDetection-Javascript/raw/HEAD/"
                    + "model/fr_feature.onnx"),
            "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581");

    private ModelFetcher() {}

    /** True when {@code folder} already holds the artifact with the right checksum (nothing to download). */
    public static boolean present(Artifact artifact, Path folder) {
        Path target = folder.resolve(artifact.fileName());
        return Files.isRegularFile(target) && ModelBundle.sha256(target).equalsIgnoreCase(artifact.sha256());
    }

    /**
     * Puts {@code artifact} into {@code folder}; does nothing when a file with the right checksum
     * is already there. Returns the file's path.
     */
    public static Path fetch(Artifact artifact, Path folder) {
        Path target = folder.resolve(artifact.fileName());
        if (present(artifact, folder)) {
            return target;
        }
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, artifact.fileName(), ".part");
            try {
                try (InputStream in = artifact.source().toURL().openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = ModelBundle.sha256(tmp);
                if (!actual.equalsIgnoreCase(artifact.sha256())) {
                    throw new IllegalStateException("downloaded " + artifact.source() + " but its SHA-256 is " + actual
                            + ", not the expected " + artifact.sha256() + "; the file was discarded. Check the "
                            + "source or your proxy, or place the file in " + folder + " by hand");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not fetch " + artifact.source() + " into " + folder + ": "
                    + e.getMessage() + " (offline? copy " + artifact.fileName() + " there by hand)", e);
        }
    }
}
