package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.streams.tracking.TrackerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code tracks} and {@code tracks.*} keys. */
class StreamsSettingsTracksTest {
    private static TrackerConfig tracks(Map<String, String> keys) {
        Properties file = new Properties();
        file.putAll(Map.of("bootstrap", "localhost:9092", "index", "file:/tmp/unused", "model", "/tmp/unused"));
        Map<String, String> cli = new HashMap<>(keys);
        return StreamsSettings.load(file, cli).topology().tracks();
    }

    @Test
    void tracksAreOffUnlessAskedFor() {
        assertNull(tracks(Map.of()));
        assertNull(tracks(Map.of("tracks.min.hits", "3")), "tracks.* alone does not turn them on");
    }

    @Test
    void eachKeySetsItsKnobAndTheRestKeepTheirDefaults() {
        TrackerConfig c = tracks(Map.of("tracks", "true", "tracks.max.gap.ms", "3000", "tracks.min.hits", "3",
                "tracks.embedding.gate", "0.3", "tracks.reembed.every", "5", "tracks.reembed.gain", "1.5",
                "tracks.iou.first", "0.3", "tracks.iou.second", "0.6", "tracks.detect.every", "3"));
        TrackerConfig d = TrackerConfig.defaults();
        assertEquals(new TrackerConfig(d.highScore(), d.lowScore(), 0.3, 0.6, 3000, 3, 0.3, 1.5, 5, d.maxEmbeddings(),
                d.velocitySmoothing(), 3), c);
        assertEquals(d, tracks(Map.of("tracks", "true")));
    }

    @Test
    void badValuesStopTheStartWithTheKeyOrTheReason() {
        var notANumber = assertThrows(IllegalArgumentException.class,
                () -> tracks(Map.of("tracks", "true", "tracks.max.gap.ms", "soon")));
        assertTrue(notANumber.getMessage().contains("tracks.max.gap.ms=soon"), notANumber.getMessage());
        var outOfRange = assertThrows(IllegalArgumentException.class,
                () -> tracks(Map.of("tracks", "true", "tracks.min.hits", "0")));
        assertTrue(outOfRange.getMessage().startsWith("tracks settings (tracks.*): min hits must be >= 1"),
                outOfRange.getMessage());
        var notABoolean = assertThrows(IllegalArgumentException.class, () -> tracks(Map.of("tracks", "yes")));
        assertTrue(notABoolean.getMessage().contains("tracks=yes"), notABoolean.getMessage());
    }
}
