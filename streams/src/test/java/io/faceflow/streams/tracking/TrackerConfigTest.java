package io.faceflow.streams.tracking;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackerConfigTest {
    @Test
    void badKnobsAreRefusedWithTheValueAndTheRule() {
        TrackerConfig d = TrackerConfig.defaults();
        IllegalArgumentException scores = assertThrows(IllegalArgumentException.class, () -> new TrackerConfig(0.4,
                0.6, d.firstStageIou(), d.secondStageIou(), d.maxGapMs(), d.minHits(), d.embeddingGate(),
                d.reembedGain(), d.reembedEveryFaces(), d.maxEmbeddings(), d.velocitySmoothing(), d.detectEvery()));
        assertTrue(scores.getMessage().contains("low <= high"), scores.getMessage());
        IllegalArgumentException gain = assertThrows(IllegalArgumentException.class, () -> d.withReembedding(0.9, 10));
        assertTrue(gain.getMessage().contains(">= 1"), gain.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withReembedding(1.25, 0));
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class, () -> d.withDetectEvery(0));
        assertTrue(interval.getMessage().contains("detection interval"), interval.getMessage());
    }
}
