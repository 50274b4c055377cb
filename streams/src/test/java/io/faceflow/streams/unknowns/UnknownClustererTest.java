package io.faceflow.streams.unknowns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.Vectors;
import io.faceflow.index.embedded.EmbeddedCatalog;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.streams.unknowns.UnknownClusterer.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clusterer on fixed 4-dimensional vectors, into a real embedded index (Milvus: the subclass). */
class UnknownClustererTest {
    static final long T0 = 1_700_000_000_000L;
    static final double THRESHOLD = 0.6;
    static final long MINUTE = 60_000;

    @TempDir
    Path temp;
    GalleryCatalog catalog;
    UnknownClusterer clusterer;

    @BeforeEach
    void open() {
        catalog = createCatalog(temp);
        clusterer = clusterer(3);
    }

    /** A fresh, empty catalog for one test. */
    GalleryCatalog createCatalog(Path temp) {
        return new EmbeddedCatalog(temp.resolve("index"), EmbeddedOptions.defaults());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private UnknownClusterer clusterer(int maxShots) {
        return new UnknownClusterer(catalog, new UnknownsSettings("g", null, 0, maxShots, Duration.ofMinutes(10)));
    }

    /** An unknown track's event as the processor publishes it, decided at {@link #THRESHOLD}. */
    static SightingEvent event(String id, String camera, long timeMs, double sharpness, float... embedding) {
        List<double[]> landmarks = List.of(new double[] {30, 40}, new double[] {70, 40}, new double[] {50, 60},
                new double[] {35, 80}, new double[] {65, 80});
        return new SightingEvent(id, camera, timeMs, 1, 0, new FaceBox(0, 0, 100, 100), landmarks,
                new SightingEvent.Quality(100, sharpness, 0.9), embedding, "v1", null, null, null, 0.1, THRESHOLD,
                camera + "-1", Base64.getEncoder().encodeToString(("jpeg of " + id).getBytes(StandardCharsets.UTF_8)));
    }

    private CandidateStore store() {
        return catalog.candidates("v1", 4);
    }

    @Test
    void aNewFaceStartsACandidateAndItsReplayChangesNothing() {
        SightingEvent e = event("t1", "door", T0, 200, 1, 0, 0, 0);
        UnknownClusterer.Result first = clusterer.apply(e);
        assertEquals(Outcome.CREATED, first.outcome());
        Candidate c = store().get(first.candidate().candidateId()).orElseThrow();
        assertEquals(UnknownClusterer.candidateId(e), c.candidateId(), "derived from the event id");
        assertEquals(List.of(new CandidateVisit("t1", "door", T0, T0)), c.visits());
        assertEquals(1, c.shots().size());
        assertEquals("jpeg of t1", new String(c.shots().get(0).jpeg(), StandardCharsets.UTF_8));

        assertEquals(Outcome.DUPLICATE, clusterer(3).apply(e).outcome(), "a replay, by a fresh clusterer too");
        assertEquals(1, store().count());
        assertEquals(1, store().get(c.candidateId()).orElseThrow().members());
    }

    @Test
    void aSimilarFaceJoinsWithAWeightedCentroidAndAVisitPerCameraOrGap() {
        String id = clusterer.apply(event("t1", "door", T0, 200, 1, 0, 0, 0)).candidate().candidateId();
        assertEquals(Outcome.JOINED, clusterer.apply(event("t2", "door", T0 + MINUTE, 200, 1, 1, 0, 0)).outcome());
        assertEquals(Outcome.JOINED, clusterer.apply(event("t3", "hall", T0 + 2 * MINUTE, 200, 1, 0, 1, 0)).outcome());
        assertEquals(Outcome.JOINED, clusterer.apply(event("t4", "hall", T0 + 60 * MINUTE, 200, 1, 0, 0, 1)).outcome());
        Candidate c = store().get(id).orElseThrow();
        assertEquals(1, store().count());
        assertEquals(4, c.members());
        assertEquals(List.of(new CandidateVisit("t1", "door", T0, T0 + MINUTE),
                new CandidateVisit("t3", "hall", T0 + 2 * MINUTE, T0 + 2 * MINUTE),
                new CandidateVisit("t4", "hall", T0 + 60 * MINUTE, T0 + 60 * MINUTE)), c.visits(),
                "the door visit extended; the hall seen twice, an hour apart");
        // Each join: the centroid weighted by its members plus the new embedding, normalised.
        float h = (float) Math.sqrt(0.5);
        float[] mean = {1, 0, 0, 0};
        float[][] joined = {{h, h, 0, 0}, {h, 0, h, 0}, {h, 0, 0, h}};
        for (int n = 0; n < joined.length; n++) {
            float[] sum = new float[4];
            for (int i = 0; i < 4; i++) {
                sum[i] = mean[i] * (n + 1) + joined[n][i];
            }
            mean = Vectors.normalise(sum);
        }
        assertArrayEquals(mean, c.centroid(), 1e-5f);
        assertEquals(3, c.shots().size(), "at most max.shots");

        assertEquals(Outcome.DUPLICATE, clusterer.apply(event("t2", "door", T0 + MINUTE, 200, 1, 1, 0, 0)).outcome(),
                "an event counted by extending a visit is recognised by its time");
        assertEquals(4, store().get(id).orElseThrow().members());
    }

    @Test
    void aDissimilarFaceStartsAnotherCandidate() {
        clusterer.apply(event("t1", "door", T0, 200, 1, 0, 0, 0));
        // cosine 0.5 < 0.6
        UnknownClusterer.Result other = clusterer.apply(event("t2", "door", T0, 200, 1, (float) Math.sqrt(3), 0, 0));
        assertEquals(Outcome.CREATED, other.outcome(), "a stranger beside the first one at the same moment");
        assertEquals(2, store().count());
    }

    @Test
    void theConfiguredJoinThresholdOverridesTheDecisionThreshold() {
        UnknownClusterer loose = new UnknownClusterer(catalog, new UnknownsSettings("g", 0.4, 0, 3, Duration.ZERO));
        loose.apply(event("t1", "door", T0, 200, 1, 0, 0, 0));
        assertEquals(Outcome.JOINED, loose.apply(event("t2", "door", T0 + MINUTE, 200, 1, (float) Math.sqrt(3), 0, 0)).outcome());
        assertEquals(1, store().count());
    }

    @Test
    void theJoinMarginAsksMoreThanTheDecisionThreshold() {
        UnknownClusterer strict = new UnknownClusterer(catalog, new UnknownsSettings("g", null, 0.1, 3, Duration.ZERO));
        strict.apply(event("t1", "door", T0, 200, 1, 0, 0, 0));
        // cosine 0.65: above the decision threshold (0.6), below it plus the margin (0.7)
        float x = (float) Math.sqrt(1 / (0.65 * 0.65) - 1);
        assertEquals(Outcome.CREATED, strict.apply(event("t2", "door", T0 + MINUTE, 200, 1, x, 0, 0)).outcome());
        // cosine 0.75 joins
        float y = (float) Math.sqrt(1 / (0.75 * 0.75) - 1);
        assertEquals(Outcome.JOINED, strict.apply(event("t3", "hall", T0 + 2 * MINUTE, 200, 1, y, 0, 0)).outcome());
        assertEquals(2, store().count());
    }

    @Test
    void anIgnoredCandidateAbsorbsItsFaceAndStaysIgnored() {
        Candidate c = clusterer.apply(event("t1", "door", T0, 200, 1, 0, 0, 0)).candidate();
        store().save(new Candidate(c.candidateId(), c.modelVersion(), c.centroid(), c.members(), c.visits(), c.shots(),
                Candidate.Status.IGNORED));
        assertEquals(Outcome.IGNORED_MATCH, clusterer.apply(event("t2", "hall", T0 + MINUTE, 200, 1, 0.2f, 0, 0)).outcome());
        Candidate after = store().get(c.candidateId()).orElseThrow();
        assertEquals(Candidate.Status.IGNORED, after.status());
        assertEquals(2, after.visits().size());
        assertEquals(1, store().count(), "no new candidate for a face the operator ignored");
    }

    @Test
    void anIdentifiedFaceIsNeverClustered() {
        SightingEvent e = event("t1", "door", T0, 200, 1, 0, 0, 0);
        SightingEvent known = new SightingEvent(e.sightingId(), e.cameraId(), e.captureTimeMs(), e.sequence(),
                e.faceIndex(), e.box(), e.landmarks(), e.quality(), e.embedding(), e.modelVersion(), "alice", "Alice",
                "alice", 0.9, THRESHOLD, e.trackId(), e.thumbnail());
        UnknownClusterer.Result r = clusterer.apply(known);
        assertEquals(Outcome.SKIPPED, r.outcome());
        assertNull(r.candidate());
        assertEquals(0, store().count());
    }

    @Test
    void theShotsKeptAreTheMostDiversePreferringQuality() {
        UnknownClusterer two = clusterer(2);
        String id = two.apply(event("sharp", "door", T0, 400, 1, 0, 0, 0)).candidate().candidateId();
        two.apply(event("twin", "hall", T0 + MINUTE, 400, 1, 0.01f, 0, 0));
        two.apply(event("turned", "lift", T0 + 2 * MINUTE, 400, 1, 0, 0.7f, 0));
        two.apply(event("blurred", "gate", T0 + 3 * MINUTE, 2, 1, 0, 0.75f, 0));
        List<String> shots = store().get(id).orElseThrow().shots().stream().map(CandidateShot::shotId).toList();
        assertEquals(2, shots.size());
        assertTrue(shots.contains("turned"), "the other pose, sharp, beats its blurred neighbour: " + shots);
        assertTrue(shots.contains("sharp") || shots.contains("twin"), "and one of the frontal twins: " + shots);
    }

    @Test
    void eachModelVersionClustersOnItsOwn() {
        clusterer.apply(event("t1", "door", T0, 200, 1, 0, 0, 0));
        SightingEvent e = event("t2", "door", T0, 200, 1, 0, 0, 0);
        SightingEvent v2 = new SightingEvent(e.sightingId(), e.cameraId(), e.captureTimeMs(), e.sequence(),
                e.faceIndex(), e.box(), e.landmarks(), e.quality(), new float[] {1, 0, 0, 0, 0, 0}, "v2", null, null,
                null, 0.1, THRESHOLD, e.trackId(), e.thumbnail());
        assertEquals(Outcome.CREATED, clusterer.apply(v2).outcome());
        assertEquals(1, store().count());
        assertEquals(1, catalog.candidates("v2", 6).count());
    }
}
