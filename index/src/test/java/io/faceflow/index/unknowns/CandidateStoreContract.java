package io.faceflow.index.unknowns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.DimensionMismatchException;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.ModelVersionMismatchException;
import io.faceflow.index.TestVectors;
import io.faceflow.index.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown-person candidates kept, searched, listed and retired, against every backend. */
public abstract class CandidateStoreContract {
    private static final String MODEL = "model-c";
    private static final int DIM = 32;

    @TempDir
    Path temp;

    private GalleryCatalog catalog;
    private CandidateStore store;
    private final Random random = new Random(11);

    /** A fresh, empty catalog. */
    protected abstract GalleryCatalog createCatalog(Path temp);

    /** A new catalog on the same storage as the last one created (after that one was closed). */
    protected abstract GalleryCatalog reopenCatalog(Path temp);

    @BeforeEach
    void open() {
        catalog = createCatalog(temp);
        store = catalog.candidates(MODEL, DIM);
    }

    @AfterEach
    void close() {
        if (catalog != null) {
            catalog.close();
        }
    }

    /** A candidate seen {@code visits} times, the last visit ending at {@code lastSeenMs}, with two shots. */
    private Candidate candidate(String id, float[] centroid, int visits, long lastSeenMs, Candidate.Status status) {
        List<CandidateVisit> vs = new ArrayList<>();
        for (int i = 0; i < visits; i++) {
            long end = lastSeenMs - 1000L * (visits - 1 - i);
            vs.add(new CandidateVisit(id + "-ev" + i, "cam-" + (i % 2), end - 500, end));
        }
        List<CandidateShot> shots = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            byte[] jpeg = new byte[4000 + s];
            random.nextBytes(jpeg);
            shots.add(new CandidateShot(id + "-shot" + s, "cam-" + s, lastSeenMs - s, 80 + s, 120.5, 0.7 - s * 0.1,
                    jpeg, TestVectors.near(random, centroid, 0.3)));
        }
        return new Candidate(id, MODEL, centroid, visits * 2, vs, shots, status);
    }

    private Candidate open(String id, int visits, long lastSeenMs) {
        return candidate(id, TestVectors.random(random, DIM), visits, lastSeenMs, Candidate.Status.OPEN);
    }

    private static void assertSame(Candidate expected, Candidate actual) {
        assertEquals(expected.candidateId(), actual.candidateId());
        assertEquals(expected.modelVersion(), actual.modelVersion());
        assertArrayEquals(expected.centroid(), actual.centroid(), 1e-6f);
        assertEquals(expected.members(), actual.members());
        assertEquals(expected.visits(), actual.visits());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.shots().size(), actual.shots().size());
        for (int i = 0; i < expected.shots().size(); i++) {
            CandidateShot e = expected.shots().get(i);
            CandidateShot a = actual.shots().get(i);
            assertEquals(List.of(e.shotId(), e.cameraId(), e.captureTimeMs(), e.faceSize(), e.sharpness(), e.quality()),
                    List.of(a.shotId(), a.cameraId(), a.captureTimeMs(), a.faceSize(), a.sharpness(), a.quality()));
            assertArrayEquals(e.jpeg(), a.jpeg(), "shot " + e.shotId() + " image");
            assertArrayEquals(e.embedding(), a.embedding(), 1e-6f);
        }
    }

    @Test
    void savesAndReadsBackEveryField() {
        Candidate c = open("cand-1", 3, 50_000);
        store.save(c);
        assertEquals(1, store.count());
        assertSame(c, store.get("cand-1").orElseThrow());
        assertTrue(store.get("cand-2").isEmpty());
    }

    @Test
    void replacesByIdAndKeepsIgnoredOnes() {
        Candidate first = open("cand-1", 1, 10_000);
        store.save(first);
        Candidate grown = candidate("cand-1", first.centroid(), 4, 20_000, Candidate.Status.IGNORED);
        store.save(grown);
        assertEquals(1, store.count());
        Candidate read = store.get("cand-1").orElseThrow();
        assertSame(grown, read);
        assertEquals(Candidate.Status.IGNORED, read.status());
        assertEquals(2, read.shots().size(), "the old shots are replaced, not added to");
    }

    @Test
    void nearestIsOrderedByCosineWithTrueScores() {
        float[] probe = TestVectors.random(random, DIM);
        List<Candidate> all = new ArrayList<>();
        double[] noise = {0.2, 0.8, 2.0, 5.0};
        for (int i = 0; i < noise.length; i++) {
            all.add(candidate("near-" + i, TestVectors.near(random, probe, noise[i]), 1, 1000, Candidate.Status.OPEN));
        }
        for (int i = 0; i < 20; i++) {
            all.add(open("far-" + i, 1, 1000));
        }
        store.save(all);
        List<CandidateHit> hits = store.nearest(probe, 3);
        assertEquals(3, hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Candidate c = hits.get(i).candidate();
            assertEquals(Vectors.cosine(probe, c.centroid()), hits.get(i).score(), 1e-4f, c.candidateId());
            assertEquals(2, c.shots().size(), "hits carry the whole candidate");
            if (i > 0) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), hits.toString());
            }
        }
        assertEquals(List.of("near-0", "near-1", "near-2"),
                hits.stream().map(h -> h.candidate().candidateId()).toList());
        assertEquals(all.size(), store.nearest(probe, 100).size(), "k above the count gives them all");
    }

    @Test
    void listsByVisitsThenByLastSeen() {
        store.save(List.of(open("few", 1, 90_000), open("many-old", 5, 10_000), open("many-new", 5, 40_000),
                open("some", 3, 99_000)));
        assertEquals(List.of("many-new", "many-old", "some", "few"),
                store.list().stream().map(Candidate::candidateId).toList());
    }

    @Test
    void deletesOneAndByLastSeen() {
        store.save(List.of(open("a", 2, 5_000), open("b", 1, 9_999), open("c", 1, 10_000), open("d", 4, 30_000)));
        assertTrue(store.delete("d"));
        assertFalse(store.delete("d"), "already gone");
        assertTrue(store.get("d").isEmpty());
        assertEquals(2, store.deleteLastSeenBefore(10_000), "a and b were last seen before 10000 ms");
        assertEquals(List.of("c"), store.list().stream().map(Candidate::candidateId).toList());
        assertEquals(1, store.count());
        assertEquals(0, store.deleteLastSeenBefore(10_000));
    }

    @Test
    void refusesAnotherModelVersionOrDimension() {
        Candidate c = open("x", 1, 1);
        Candidate other = new Candidate("x", "other", c.centroid(), 1, c.visits(), c.shots(), c.status());
        assertThrows(ModelVersionMismatchException.class, () -> store.save(other));
        Candidate wide = new Candidate("x", MODEL, TestVectors.random(random, DIM + 1), 1, c.visits(), List.of(),
                c.status());
        assertThrows(DimensionMismatchException.class, () -> store.save(wide));
        Candidate wideShot = new Candidate("x", MODEL, c.centroid(), 1, c.visits(), List.of(new CandidateShot("s",
                "cam", 1, 1, 1, 1, new byte[] {1}, TestVectors.random(random, DIM + 1))), c.status());
        assertThrows(DimensionMismatchException.class, () -> store.save(wideShot));
        assertThrows(DimensionMismatchException.class, () -> store.nearest(new float[DIM - 1], 1));
        assertEquals(0, store.count());
    }

    @Test
    void reopeningKeepsEverything() {
        Candidate a = open("a", 2, 5_000);
        Candidate b = candidate("b", TestVectors.random(random, DIM), 3, 6_000, Candidate.Status.IGNORED);
        store.save(List.of(a, b));
        catalog.close();
        catalog = reopenCatalog(temp);
        store = catalog.candidates(MODEL, DIM);
        assertEquals(2, store.count());
        assertSame(a, store.get("a").orElseThrow());
        assertSame(b, store.get("b").orElseThrow());
        assertEquals("a", store.nearest(a.centroid(), 1).get(0).candidate().candidateId());
    }

    @Test
    void droppingTheVersionDropsItsCandidates() {
        store.save(open("a", 1, 1000));
        catalog.drop(MODEL);
        assertEquals(0, catalog.candidates(MODEL, DIM).count());
        assertTrue(catalog.candidates(MODEL, DIM).get("a").isEmpty());
    }
}
