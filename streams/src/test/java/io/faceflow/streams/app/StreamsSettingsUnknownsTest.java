package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.Topics;
import io.faceflow.streams.unknowns.UnknownsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code unknowns} and {@code unknowns.*} keys. */
class StreamsSettingsUnknownsTest {
    private static StreamsSettings load(Map<String, String> keys) {
        Properties file = new Properties();
        file.putAll(Map.of("bootstrap", "localhost:9092", "index", "file:/tmp/unused", "model", "/tmp/unused",
                "application.id", "plant"));
        return StreamsSettings.load(file, keys);
    }

    @Test
    void offUnlessAskedFor() {
        StreamsSettings s = load(Map.of("tracks", "true"));
        assertNull(s.unknowns());
        assertNull(s.topology().unknownTopic());
    }

    @Test
    void onItReadsTheUnknownTopicWithDefaults() {
        StreamsSettings s = load(Map.of("tracks", "true", "unknowns", "true"));
        assertEquals(Topics.UNKNOWNS, s.topology().unknownTopic());
        assertEquals(new UnknownsSettings("plant-unknowns", null, UnknownsSettings.DEFAULT_JOIN_MARGIN,
                UnknownsSettings.DEFAULT_MAX_SHOTS,
                UnknownsSettings.DEFAULT_VISIT_GAP), s.unknowns());
    }

    @Test
    void eachKeySetsItsKnob() {
        StreamsSettings s = load(Map.of("tracks", "true", "unknowns", "true", "unknown.topic", "site.strangers",
                "unknowns.join.threshold", "0.45", "unknowns.join.margin", "0.1", "unknowns.max.shots", "8",
                "unknowns.visit.gap.ms", "60000",
                "unknowns.group.id", "clusterer"));
        assertEquals("site.strangers", s.topology().unknownTopic());
        assertEquals(new UnknownsSettings("clusterer", 0.45, 0.1, 8, Duration.ofMinutes(1)), s.unknowns());
    }

    @Test
    void withoutTracksTheStartFailsWithTheReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> load(Map.of("unknowns", "true")));
        assertTrue(e.getMessage().contains("needs tracks=true"), e.getMessage());
        var shots = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("tracks", "true", "unknowns", "true", "unknowns.max.shots", "0")));
        assertTrue(shots.getMessage().contains("unknowns.max.shots must be >= 1"), shots.getMessage());
        var threshold = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("tracks", "true", "unknowns", "true", "unknowns.join.threshold", "1.5")));
        assertTrue(threshold.getMessage().contains("unknowns.join.threshold"), threshold.getMessage());
    }
}
