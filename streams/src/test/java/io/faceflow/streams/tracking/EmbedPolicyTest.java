package io.faceflow.streams.tracking;

import static io.faceflow.streams.tracking.SyntheticFaces.frame;
import static io.faceflow.streams.tracking.SyntheticFaces.personAt;
import static io.faceflow.streams.tracking.SyntheticFaces.seen;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmbedPolicyTest {
    private final TrackerConfig config = TrackerConfig.defaults().withReembedding(1.25, 5);
    private final EmbedPolicy policy = new EmbedPolicy(config);

    @Test
    void aTrackWithoutAnEmbeddingIsEmbedded() {
        Track bornUnembedded = Track.born("cam-1", frame(0), seen(100, 100, 80, 0.9), config);
        assertTrue(policy.embedNow(bornUnembedded, 0.1));
    }

    @Test
    void aClearQualityGainIsEmbeddedAndASmallOneIsNot() {
        Track track = Track.born("cam-1", frame(0), personAt(0, 100, 100, 0.4), config);
        assertFalse(policy.embedNow(track, 0.4), "same quality");
        assertFalse(policy.embedNow(track, 0.49), "less than 25% better");
        assertTrue(policy.embedNow(track, 0.5), "25% better");
    }

    @Test
    void everyFifthFaceIsEmbeddedOtherwise() {
        Track track = Track.born("cam-1", frame(0), personAt(0, 100, 100, 0.4), config);
        for (int i = 1; i < 4; i++) {
            track = track.joined(frame(i), seen(100, 100, 80, 0.9), config);
            assertFalse(policy.embedNow(track, 0.4), "face " + (i + 2) + " of the track");
        }
        track = track.joined(frame(4), seen(100, 100, 80, 0.9), config);
        assertTrue(policy.embedNow(track, 0.4), "the 5th face since the last embedded one");
        track = track.joined(frame(5), personAt(0, 100, 100, 0.4), config);
        assertFalse(policy.embedNow(track, 0.4), "the count restarts once embedded");
    }
}
