package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.ingest.config.ConfigLoader;
import io.faceflow.ingest.config.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theShippedExampleLoads() throws Exception {
        Path example = dir.resolve("cameras.yaml");
        try (var in = getClass().getResourceAsStream("/cameras.example.yaml")) {
            Files.copy(in, example);
        }
        IngestConfig config = ConfigLoader.load(example);
        assertEquals("faceflow.frames", config.topic());
        assertTrue(config.cameras().size() >= 4);
        assertTrue(config.cameras().stream().anyMatch(c -> "udp".equals(c.options().get("rtsp_transport"))));
        assertFalse(config.enabledCameras().size() == config.cameras().size(), "the example has a disabled camera");
    }

    @Test
    void jsonWorksToo() throws Exception {
        Path json = dir.resolve("cameras.json");
        Files.writeString(json, """
                {"bootstrap": "kafka:9092", "cameras": [{"id": "door", "url": "rtsp://cam/1", "fps": 2}]}""");
        IngestConfig config = ConfigLoader.load(json);
        assertEquals("kafka:9092", config.bootstrap());
        assertEquals(2.0, config.cameras().get(0).fps());
        assertTrue(config.cameras().get(0).enabled());
        assertEquals(85, config.cameras().get(0).jpegQuality());
    }

    @Test
    void mistakesAreReportedWithTheReason() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cameras:\n  - id: a\n    url: /x.mp4\n  - id: a\n    url: /y.mp4\n");
        assertTrue(message(bad).contains("appears twice"), message(bad));
        Files.writeString(bad, "cameras:\n  - id: a\n    url: /x.mp4\n    fps: -1\n");
        assertTrue(message(bad).contains("fps"), message(bad));
        Files.writeString(bad, "cameras:\n  - id: a\n    ur: /x.mp4\n");
        assertTrue(message(bad).contains("ur"), message(bad));
        assertTrue(message(dir.resolve("none.yaml")).contains("does not exist"));
    }

    private static String message(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file)).getMessage();
    }
}
