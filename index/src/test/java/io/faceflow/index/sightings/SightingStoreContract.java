package io.faceflow.index.sightings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.ModelVersionMismatchException;
import io.faceflow.index.TestVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every face seen, searched by face and time range, against every backend. */
public abstract class SightingStoreContract {
    private static final String MODEL = "model-s";
    private static final int DIM = 32;

    @TempDir
    Path temp;

    private GalleryCatalog catalog;
    private SightingStore store;
    private final Random random = new Random(7);

    protected abstract GalleryCatalog createCatalog(Path temp);

    @BeforeEach
    void open() {
        catalog = createCatalog(temp);
        store = catalog.sightings(MODEL, DIM);
    }

    @AfterEach
    void close() {
        if (catalog != null) { // null when the backend was skipped
            catalog.close();
        }
    }

    @Test
    void findsAPersonsSightingsInATimeRange() {
        float[] alice = TestVectors.random(random, DIM);
        List<Sighting> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // alice seen every 1000 ms on cam-a; strangers in between on cam-b
            all.add(new Sighting("a" + i, "cam-a", 1000L * i, MODEL, TestVectors.near(random, alice, 0.3), "alice"));
            all.add(new Sighting("s" + i, "cam-b", 1000L * i + 500, MODEL, TestVectors.random(random, DIM), null));
        }
        store.record(all);
        assertEquals(20, store.count());

        List<SightingHit> hits = store.search(new SightingQuery(MODEL, alice, 3000, 6000, 4));
        assertEquals(4, hits.size());
        for (SightingHit h : hits) {
            assertTrue(h.captureTimeMs() >= 3000 && h.captureTimeMs() <= 6000, h.toString());
            assertTrue(h.sightingId().startsWith("a"), h.toString());
            assertEquals("cam-a", h.cameraId());
            assertEquals("alice", h.identityId());
            assertTrue(h.score() > 0.7f, h.toString());
        }
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
        }
        assertTrue(store.search(new SightingQuery(MODEL, alice, 20_000, 30_000, 4)).isEmpty());
    }

    @Test
    void filtersByCameraAndDeletesByAgeAndByIdentity() {
        float[] alice = TestVectors.random(random, DIM);
        List<Sighting> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String camera = i % 2 == 0 ? "door" : "hall";
            all.add(new Sighting("a" + i, camera, 1000L * i, MODEL, TestVectors.near(random, alice, 0.3), "alice"));
            all.add(new Sighting("u" + i, camera, 1000L * i + 1, MODEL, TestVectors.near(random, alice, 0.6), null));
        }
        store.record(all);
        List<SightingHit> door = store.search(new SightingQuery(MODEL, alice, 0, 10_000, 20, "door"));
        assertEquals(6, door.size());
        assertTrue(door.stream().allMatch(h -> h.cameraId().equals("door")), door.toString());
        assertTrue(door.stream().anyMatch(h -> h.identityId() == null), "unknown faces carry no identity");

        assertEquals(4, store.deleteBefore(2000), "a0, u0, a1, u1 are older than 2000 ms");
        assertEquals(8, store.count());
        assertTrue(store.search(new SightingQuery(MODEL, alice, 0, 1999, 20)).isEmpty());

        assertEquals(4, store.deleteIdentity("alice"));
        assertEquals(4, store.count());
        assertTrue(store.search(new SightingQuery(MODEL, alice, 0, 10_000, 20)).stream()
                .allMatch(h -> h.identityId() == null), "only unknown faces are left");
        assertEquals(0, store.deleteIdentity("alice"), "nothing left to erase");
    }

    @Test
    void refusesAnotherModelVersion() {
        float[] v = TestVectors.random(random, DIM);
        assertThrows(ModelVersionMismatchException.class,
                () -> store.record(List.of(new Sighting("x", "cam", 1, "other", v, null))));
        assertThrows(ModelVersionMismatchException.class,
                () -> store.search(new SightingQuery("other", v, 0, 1, 1)));
    }
}
