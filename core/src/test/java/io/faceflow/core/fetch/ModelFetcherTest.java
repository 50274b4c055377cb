package io.faceflow.core.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.ModelBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching runs against a local upstream (a file: URI), so the test needs no network. */
class ModelFetcherTest {
    @TempDir
    Path dir;

    @Test
    void keepsAFileWhoseChecksumMatches() throws Exception {
        Path upstream = Files.writeString(dir.resolve("upstream.onnx"), "model bytes");
        var artifact = new ModelFetcher.Artifact("m.onnx", upstream.toUri(), ModelBundle.sha256(upstream));
        Path fetched = ModelFetcher.fetch(artifact, dir.resolve("models"));
        assertArrayEquals(Files.readAllBytes(upstream), Files.readAllBytes(fetched));
    }

    @Test
    void discardsAFileWhoseChecksumDiffers() throws Exception {
        Path upstream = Files.writeString(dir.resolve("upstream.onnx"), "tampered", StandardCharsets.UTF_8);
        var artifact = new ModelFetcher.Artifact("m.onnx", upstream.toUri(), ModelFetcher.YUNET.sha256());
        var e = assertThrows(IllegalStateException.class, () -> ModelFetcher.fetch(artifact, dir.resolve("models")));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("models/m.onnx")));
        try (var left = Files.list(dir.resolve("models"))) {
            assertTrue(left.findAny().isEmpty(), "no partial download left behind");
        }
    }
}
