package io.faceflow.app.cli;

import io.faceflow.core.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder of model bundles as a scheduled job or a pod mounts it (retrain writes candidates into
 * it): the bundle to serve is the one whose version is the gallery's live version.
 */
public final class BundleFolder {
    private BundleFolder() {}

    /** The bundle under {@code folder} whose version is {@code live}. */
    public static Path live(Path folder, String live) throws IOException {
        if (live == null) {
            throw new IllegalArgumentException("the gallery has no live model yet: enrol people first (faceflow enroll)");
        }
        try (var entries = Files.list(folder)) {
            for (Path b : entries.sorted().toList()) {
                if (Files.isRegularFile(b.resolve(ModelBundle.MANIFEST))
                        && live.equals(ModelBundle.readManifest(b).version())) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("no bundle in " + folder + " has the gallery's live version " + live
                + ": copy the live model's bundle there, or pass it with --model");
    }
}
