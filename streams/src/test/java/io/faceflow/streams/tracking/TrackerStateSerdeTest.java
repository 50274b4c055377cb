package io.faceflow.streams.tracking;

import static io.faceflow.streams.tracking.SyntheticFaces.frame;
import static io.faceflow.streams.tracking.SyntheticFaces.personAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackerStateSerdeTest {
    private final TrackerStateSerde serde = new TrackerStateSerde();

    private TrackerState roundTrip(TrackerState state) {
        return serde.deserializer().deserialize("tracks", serde.serializer().serialize("tracks", state));
    }

    @Test
    void aStateWithEmbeddedDecidedTracksRoundTripsEqual() {
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        TrackerState state = TrackerState.empty("gate-2");
        for (int i = 0; i < 6; i++) {
            state = tracker.update(state, frame(i, personAt(0, 100 + 5 * i, 100, 0.1 * i),
                    personAt(1, 600, 100, 0.5))).state();
        }
        Track decided = state.track("gate-2-1").orElseThrow();
        state = state.with(decided.withDecision(decided.decision().decide("alice").markAlerted()));

        TrackerState back = roundTrip(state);
        assertEquals(state, back);
        assertTrue(back.track("gate-2-1").orElseThrow().decision().alerted());
        assertEquals(5, back.track("gate-2-1").orElseThrow().embeddings().kept().size());
    }

    @Test
    void embeddingsTakeAboutTheirRawSize() {
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        TrackerState state = tracker.update(TrackerState.empty("c"), frame(0, personAt(0, 100, 100, 0.5))).state();
        int bytes = serde.serializer().serialize("tracks", state).length;
        int raw = SyntheticFaces.DIM * Float.BYTES;
        assertTrue(bytes < 4 * raw / 3 + 700, "one track of one " + SyntheticFaces.DIM + "-d embedding took " + bytes
                + " bytes");
    }

    @Test
    void nullIsATombstone() {
        assertNull(serde.serializer().serialize("tracks", null));
        assertNull(serde.deserializer().deserialize("tracks", null));
    }
}
