package io.faceflow.streams.tracking;

import static io.faceflow.streams.tracking.SyntheticFaces.frame;
import static io.faceflow.streams.tracking.SyntheticFaces.personAt;
import static io.faceflow.streams.tracking.SyntheticFaces.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {
    private final FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
    private TrackerState state = TrackerState.empty("cam");
    private final List<Track> ended = new ArrayList<>();

    private List<TrackAssignment> step(TrackFrame frame) {
        TrackerStep step = tracker.update(state, frame);
        state = step.state();
        ended.addAll(step.ended());
        return step.assignments();
    }

    private String onlyTrack(TrackFrame frame) {
        List<TrackAssignment> assignments = step(frame);
        assertEquals(1, assignments.size(), "one face, one assignment");
        return assignments.get(0).trackId();
    }

    @Test
    void aFaceMovingSteadilyKeepsOneId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            // 15 px a frame and growing: walking toward the camera, faster than the box overlaps unpredicted.
            ids.add(onlyTrack(frame(i, seen(100 + 15 * i, 200, 60 + i, 0.9))));
        }
        assertEquals(Set.of("cam-1"), ids);
        Track track = state.track("cam-1").orElseThrow();
        assertEquals(50, track.facesSeen());
        assertTrue(track.confirmed(tracker.config().minHits()));
        assertEquals(frame(0).captureMs(), track.firstSeenMs());
        assertEquals(frame(49).captureMs(), track.lastSeenMs());
    }

    @Test
    void twoFacesCrossingKeepTheirIdsWithEmbeddings() {
        for (int i = 0; i <= 20; i++) {
            // Person 0 walks right, person 1 walks left on the same row: their boxes coincide at
            // i = 10, where overlap alone cannot tell them apart. After that the detector lists
            // person 1 first, so a tie broken by order would swap them.
            FaceObservation p0 = personAt(0, 100 + 20 * i, 300, 0.6);
            FaceObservation p1 = personAt(1, 500 - 20 * i, 300, 0.6);
            List<TrackAssignment> a = step(i < 10 ? frame(i, p0, p1) : frame(i, p1, p0));
            int p0Index = i < 10 ? 0 : 1;
            assertEquals("cam-1", a.get(p0Index).trackId(), "person 0 at frame " + i);
            assertEquals("cam-2", a.get(1 - p0Index).trackId(), "person 1 at frame " + i);
        }
    }

    @Test
    void aBriefOcclusionKeepsTheIdAndALongOneEndsTheTrack() {
        String id = onlyTrack(frame(0, seen(100, 100, 80, 0.9)));
        onlyTrack(frame(1, seen(110, 100, 80, 0.9)));
        // Hidden for 1 s (< 1.5 s gap), reappearing where its motion predicts.
        for (int i = 2; i < 12; i++) {
            assertEquals(List.of(), step(frame(i)));
        }
        assertEquals(id, onlyTrack(frame(12, seen(220, 100, 80, 0.9))));
        assertTrue(ended.isEmpty());

        // Hidden for 2 s: the track ends, with its last appearance, and the face is a new track.
        for (int i = 13; i < 33; i++) {
            step(frame(i));
        }
        assertEquals(List.of(id), ended.stream().map(Track::id).toList());
        assertEquals(3, ended.get(0).facesSeen());
        assertEquals("cam-2", onlyTrack(frame(33, seen(220, 100, 80, 0.9))));
    }

    @Test
    void aWeakFaceContinuesATrackButNeverStartsOne() {
        assertEquals(List.of(), step(frame(0, seen(100, 100, 80, 0.5))), "a weak face starts nothing");
        String id = onlyTrack(frame(1, seen(100, 100, 80, 0.9)));
        assertEquals(id, onlyTrack(frame(2, seen(104, 100, 80, 0.5))), "second stage");
        assertEquals(2, state.track(id).orElseThrow().facesSeen());
        assertEquals(List.of(), step(frame(3, seen(104, 100, 80, 0.3))), "below the low score: ignored");
    }

    @Test
    void theEmbeddingGateSplitsATrackWhenThePersonChangesInTheSameSpot() {
        String first = onlyTrack(frame(0, personAt(0, 100, 100, 0.6)));
        assertEquals(first, onlyTrack(frame(1, personAt(0, 102, 100, 0.6))));
        List<TrackAssignment> a = step(frame(2, personAt(3, 104, 100, 0.6)));
        assertTrue(a.get(0).born(), "another person in the same spot starts a track");
        String second = a.get(0).trackId();
        assertNotEquals(first, second);
        assertEquals(second, onlyTrack(frame(3, personAt(3, 106, 100, 0.6))));
        assertEquals(2, state.track(first).orElseThrow().facesSeen(), "the first track absorbed nobody else");
    }

    @Test
    void trackIdsContinueAcrossARestart() {
        onlyTrack(frame(0, seen(100, 100, 80, 0.9)));
        TrackerStateSerde serde = new TrackerStateSerde();
        state = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
        assertEquals("cam-2", onlyTrack(frame(1, seen(600, 100, 80, 0.9))));
    }

    @Test
    void thePlanEmbedsNewFacesAndFacesBetweenTwoTracks() {
        TrackFrame first = frame(0, seen(100, 100, 80, 0.9), seen(400, 100, 80, 0.9), seen(700, 100, 80, 0.5));
        assertEquals(List.of(true, true, false), tracker.plan(state, first), "born, born, too weak to start one");
        step(frame(0, personAt(0, 100, 100, 0.5), personAt(1, 400, 100, 0.5)));
        assertEquals(List.of(false, false), tracker.plan(state, frame(1, seen(102, 100, 80, 0.9),
                seen(398, 100, 80, 0.9))), "tracks embedded, quality no better");

        step(frame(1, personAt(0, 200, 100, 0.5), personAt(1, 300, 100, 0.5)));
        // Both tracks now predict boxes that overlap either face: only the embedding can tell.
        assertEquals(List.of(true, true), tracker.plan(state, frame(2, seen(250, 100, 80, 0.9),
                seen(250, 100, 80, 0.9))));
    }
}
