package io.faceflow.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void anExplicitModelsFolderIsTheOnlyOneLookedAt() throws Exception {
        Files.write(dir.resolve(ModelFiles.YUNET_FILE), new byte[] {1});
        DetectorConfig c = DetectorConfig.forModels(dir);
        assertEquals(dir.resolve(ModelFiles.YUNET_FILE), c.modelFile());
        assertEquals(DetectorConfig.DEFAULT_SCORE, c.scoreThreshold());

        Path empty = dir.resolve("empty");
        var e = assertThrows(IllegalArgumentException.class, () -> DetectorConfig.forModels(empty));
        assertTrue(e.getMessage().contains(empty.toString()), "names the folder given: " + e.getMessage());
    }
}
