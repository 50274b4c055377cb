package io.faceflow.streams.tracking;

import static io.faceflow.streams.tracking.SyntheticFaces.frame;
import static io.faceflow.streams.tracking.SyntheticFaces.personAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackerStateTest {
    @Test
    void anotherModelVersionDropsEmbeddingsButKeepsTracksAndDecisions() {
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        TrackerState state = TrackerState.empty("gate").forModel("v1");
        for (int i = 0; i < 3; i++) {
            state = tracker.update(state, frame(i, personAt(0, 100, 100, 0.5))).state();
        }
        Track decided = state.tracks().get(0);
        state = state.with(decided.withDecision(decided.decision().decide("alice").markAlerted()));

        assertSame(state, state.forModel("v1"), "the same version keeps everything");
        TrackerState switched = state.forModel("v2");
        assertEquals("v2", switched.modelVersion());
        Track track = switched.tracks().get(0);
        assertEquals(decided.id(), track.id());
        assertEquals(3, track.facesSeen());
        assertNull(track.fusedEmbedding(), "no v1 vector left to fuse with v2 ones");
        assertTrue(track.decision().alerted(), "the decision stays: no second alert for the same person");
        assertTrue(new EmbedPolicy(TrackerConfig.defaults()).embedNow(track, 0.1), "its next face is embedded");
        assertEquals(state.nextTrackNumber(), switched.nextTrackNumber());
    }
}
