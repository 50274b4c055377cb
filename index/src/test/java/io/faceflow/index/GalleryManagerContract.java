package io.faceflow.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.EnrolTemplate;
import io.faceflow.index.gallery.EnrolmentRequest;
import io.faceflow.index.gallery.ForgetReport;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.Negative;
import io.faceflow.index.gallery.NegativeStore;
import io.faceflow.index.gallery.ReindexReport;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.index.gallery.Watchlists;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment, reindex with alias switch, rollback and forget, against every backend. */
public abstract class GalleryManagerContract {
    private static final int PEOPLE = 12;
    private static final int FACES = 3;

    @TempDir
    Path temp;

    private GalleryCatalog catalog;
    private GalleryManager manager;
    private final SyntheticModel v1 = new SyntheticModel("model-v1", 32, 1);
    private final SyntheticModel v2 = new SyntheticModel("model-v2", 48, 2);

    /** A fresh, empty catalog. */
    protected abstract GalleryCatalog createCatalog(Path temp);

    @BeforeEach
    void open() {
        catalog = createCatalog(temp);
        manager = new GalleryManager(catalog, new CropStore(temp.resolve("crops")));
    }

    @AfterEach
    void close() {
        if (catalog != null) { // null when the backend was skipped
            catalog.close();
        }
    }

    private void enrolAll() {
        for (int p = 0; p < PEOPLE; p++) {
            List<EnrolTemplate> templates = new ArrayList<>();
            for (int f = 0; f < FACES; f++) {
                byte[] crop = SyntheticModel.crop(p, f);
                templates.add(new EnrolTemplate("f" + f, v1.embed(List.of(crop))[0], crop));
            }
            manager.enrol(new EnrolmentRequest(id(p), "Person " + p, Map.of("team", p % 2 == 0 ? "even" : "odd"),
                    v1.modelVersion(), templates));
        }
    }

    private static String id(int p) {
        return String.format("person-%02d", p);
    }

    private String topId(SyntheticModel model, int person) {
        float[] probe = model.embed(List.of(SyntheticModel.crop(person, 99)))[0];
        return manager.search(new SearchRequest(model.modelVersion(), List.of(probe), 3)).get(0).get(0).identityId();
    }

    @Test
    void firstEnrolmentMakesItsVersionLiveAndIsSearchable() {
        enrolAll();
        assertEquals(Optional.of("model-v1"), catalog.liveModelVersion());
        assertEquals(PEOPLE, manager.live().count());
        assertEquals(PEOPLE, manager.crops().identityIds().size());
        assertEquals(id(5), topId(v1, 5));
        assertThrows(ModelVersionMismatchException.class, () -> manager.enrol(new EnrolmentRequest("late", "Late",
                Map.of(), "model-v2", List.of(new EnrolTemplate("f0", v2.embed(List.of(new byte[] {1}))[0],
                        new byte[] {1})))));
    }

    @Test
    void reindexSwitchesLiveAndRollbackReturns() {
        enrolAll();
        ReindexReport report = manager.reindex(v2, 10);
        assertEquals(new ReindexReport("model-v1", "model-v2", PEOPLE, PEOPLE * FACES, 0, report.millis()), report);
        assertEquals(Optional.of("model-v2"), catalog.liveModelVersion());
        assertEquals(Optional.of("model-v1"), catalog.previousModelVersion());
        assertEquals(48, manager.live().dimension());
        assertEquals(id(7), topId(v2, 7));
        assertEquals(Map.of("team", "odd"), manager.live().listIdentities().get(7).metadata());
        // Embeddings of the old model are refused by the new live collection.
        assertThrows(ModelVersionMismatchException.class, () -> topId(v1, 7));

        assertEquals("model-v1", manager.rollback());
        assertEquals(Optional.of("model-v1"), catalog.liveModelVersion());
        assertEquals(id(7), topId(v1, 7));
        assertEquals(List.of("model-v1", "model-v2"), catalog.modelVersions());
    }

    @Test
    void renameChangesTheCropStoreAndTheLiveCollection() {
        enrolAll();
        long templates = manager.live().templateCount();
        manager.rename(id(3), "Renamed", v1);
        assertEquals("Renamed", manager.crops().identity(id(3)).orElseThrow().displayName());
        assertEquals("Renamed", manager.live().listIdentities().get(3).displayName());
        assertEquals(Map.of("team", "odd"), manager.live().listIdentities().get(3).metadata(), "metadata stays");
        assertEquals(templates, manager.live().templateCount());
        float[] probe = v1.embed(List.of(SyntheticModel.crop(3, 99)))[0];
        var best = manager.search(new SearchRequest("model-v1", List.of(probe), 1)).get(0).get(0);
        assertEquals(id(3) + " Renamed", best.identityId() + " " + best.displayName());
        assertThrows(ModelVersionMismatchException.class, () -> manager.rename(id(3), "Other", v2));
        assertThrows(IndexException.class, () -> manager.rename("nobody", "Other", v1));
    }

    @Test
    void watchlistsAreKeptInTheCropStoreAndReturnedWithEveryHit() {
        enrolAll();
        manager.setWatchlists(id(5), List.of("vip", "staff"), v1);
        float[] probe = v1.embed(List.of(SyntheticModel.crop(5, 99)))[0];
        var best = manager.search(new SearchRequest("model-v1", List.of(probe), 1)).get(0).get(0);
        assertEquals(id(5), best.identityId());
        assertEquals(List.of("staff", "vip"), Watchlists.of(best.metadata()));
        assertEquals("odd", best.metadata().get("team"), "other metadata stays");
        assertEquals(List.of("staff", "vip"), Watchlists.of(manager.crops().identity(id(5)).orElseThrow().metadata()));

        // A reindex rebuilds from the crop store, so the groups follow the person to the new model.
        manager.reindex(v2, 10);
        float[] probe2 = v2.embed(List.of(SyntheticModel.crop(5, 99)))[0];
        var after = manager.search(new SearchRequest("model-v2", List.of(probe2), 1)).get(0).get(0);
        assertEquals(List.of("staff", "vip"), Watchlists.of(after.metadata()));

        manager.setWatchlists(id(5), List.of(), v2);
        var cleared = manager.search(new SearchRequest("model-v2", List.of(probe2), 1)).get(0).get(0);
        assertFalse(cleared.metadata().containsKey(Watchlists.METADATA_KEY), "no groups, no key");
        assertThrows(IllegalArgumentException.class, () -> manager.setWatchlists(id(5), List.of("bad name"), v2));
    }

    @Test
    void forgetErasesThePersonsNegatives() {
        enrolAll();
        NegativeStore negatives = new NegativeStore(manager.crops());
        assertTrue(negatives.add(new Negative(id(2), "cam-1-1000-0-0", "cam", 1000, "model-v1", 0.6, 0.5, "ops", 2000),
                new byte[] {1, 2, 3}));
        assertEquals(List.of(id(2)), negatives.identityIds());
        manager.forget(id(2));
        assertEquals(List.of(), negatives.identityIds());
        assertFalse(java.nio.file.Files.exists(manager.crops().root().resolve(id(2))));
    }

    @Test
    void searchesKeepWorkingDuringAReindex() throws Exception {
        enrolAll();
        AtomicInteger searches = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread searcher = new Thread(() -> {
            try {
                while (!stop.get()) {
                    String live = catalog.liveModelVersion().orElseThrow();
                    SyntheticModel model = live.equals("model-v1") ? v1 : v2;
                    try {
                        String top = topId(model, 3);
                        if (!top.equals(id(3))) {
                            throw new AssertionError("search during reindex found " + top);
                        }
                    } catch (ModelVersionMismatchException switched) {
                        // live moved between reading the pointer and searching: the refusal is the contract
                    }
                    searches.incrementAndGet();
                    started.countDown();
                }
            } catch (Throwable t) {
                failure.set(t);
                started.countDown();
            }
        });
        searcher.start();
        started.await();
        manager.reindex(new SlowModel(v2), 6);
        int during = searches.get();
        stop.set(true);
        searcher.join();
        if (failure.get() != null) {
            throw new AssertionError("search failed during reindex", failure.get());
        }
        assertTrue(during > 0, "no search ran during the reindex");
        assertEquals(id(3), topId(v2, 3));
    }

    @Test
    void forgetErasesEveryCollectionTheCropsAndTheSightings() {
        enrolAll();
        manager.reindex(v2, 100);
        float[] seen = v2.embed(List.of(SyntheticModel.crop(4, 7)))[0];
        catalog.sightings("model-v2", seen.length).record(List.of(
                new io.faceflow.index.sightings.Sighting("cam-1-4", "cam", 1, "model-v2", seen, id(4)),
                new io.faceflow.index.sightings.Sighting("cam-1-5", "cam", 1, "model-v2", seen, null)));
        ForgetReport report = manager.forget(id(4));
        assertEquals(List.of("model-v1", "model-v2"), report.erasedFromVersions());
        assertTrue(report.cropsRemoved());
        assertEquals(1, report.sightingsErased(), "the sighting decided to be them, not the unknown one");
        assertEquals(1, catalog.sightings("model-v2", seen.length).count());
        assertFalse(manager.crops().identityIds().contains(id(4)));
        assertTrue(manager.crops().crops(id(4)).isEmpty());
        for (String version : catalog.modelVersions()) {
            FaceIndex index = catalog.openExisting(version).orElseThrow();
            assertEquals(PEOPLE - 1, index.count(), version);
            assertTrue(index.listIdentities().stream().noneMatch(s -> s.identityId().equals(id(4))), version);
        }
        float[] probe = v2.embed(List.of(SyntheticModel.crop(4, 99)))[0];
        assertTrue(manager.search(new SearchRequest("model-v2", List.of(probe), PEOPLE)).get(0).stream()
                .noneMatch(h -> h.identityId().equals(id(4))));
        assertFalse(manager.forget(id(4)).found());
    }

    /** An unknown person seen {@code visits} times, with a best shot of each given face of {@code person}. */
    private static Candidate candidate(String id, SyntheticModel model, int person, int visits, List<Integer> faces,
                                       Candidate.Status status) {
        List<CandidateShot> shots = new ArrayList<>();
        for (int f : faces) {
            byte[] jpeg = SyntheticModel.crop(person, f);
            shots.add(new CandidateShot(id + "-s" + f, "cam", 1000L * f, 90, 100, 0.5, jpeg,
                    model.embed(List.of(jpeg))[0]));
        }
        List<CandidateVisit> seen = new ArrayList<>();
        for (int v = 0; v < visits; v++) {
            seen.add(new CandidateVisit(id + "-e" + v, "cam", 10_000L * v, 10_000L * v + 500));
        }
        float[] centroid = model.embed(List.of(SyntheticModel.crop(person, 50)))[0];
        return new Candidate(id, model.modelVersion(), centroid, visits + 1, seen, shots, status);
    }

    @Test
    void reindexReEmbedsTheCandidatesFromTheirShots() {
        enrolAll();
        CandidateStore before = catalog.candidates("model-v1", v1.dimension());
        Candidate stranger = candidate("unknown-1", v1, 40, 3, List.of(1, 2, 3), Candidate.Status.OPEN);
        Candidate ignored = candidate("unknown-2", v1, 41, 1, List.of(1), Candidate.Status.IGNORED);
        Candidate shotless = candidate("unknown-3", v1, 42, 2, List.of(), Candidate.Status.OPEN);
        before.save(List.of(stranger, ignored, shotless));

        ReindexReport report = manager.reindex(v2, 2);
        assertEquals(2, report.candidates(), "the candidate without shots cannot be re-embedded");
        CandidateStore after = catalog.candidates("model-v2", v2.dimension());
        assertEquals(2, after.count());
        Candidate moved = after.get("unknown-1").orElseThrow();
        assertEquals("model-v2", moved.modelVersion());
        assertEquals(stranger.visits(), moved.visits());
        assertEquals(stranger.members(), moved.members());
        float[] mean = new float[v2.dimension()];
        for (int i = 0; i < 3; i++) {
            float[] expected = v2.embed(List.of(SyntheticModel.crop(40, i + 1)))[0];
            assertArrayEquals(expected, moved.shots().get(i).embedding(), 1e-6f);
            assertArrayEquals(stranger.shots().get(i).jpeg(), moved.shots().get(i).jpeg());
            for (int d = 0; d < mean.length; d++) {
                mean[d] += expected[d];
            }
        }
        assertArrayEquals(Vectors.normalise(mean), moved.centroid(), 1e-5f);
        assertEquals(Candidate.Status.IGNORED, after.get("unknown-2").orElseThrow().status());
        // The new space finds the stranger from another face of theirs; the old centroid could not be compared.
        float[] probe = v2.embed(List.of(SyntheticModel.crop(40, 77)))[0];
        assertEquals("unknown-1", after.nearest(probe, 1).get(0).candidate().candidateId());
        assertEquals(3, before.count(), "the old version keeps its candidates for a rollback");
    }

    @Test
    void forgetErasesACandidateWithThatId() {
        enrolAll();
        catalog.candidates("model-v1", v1.dimension()).save(candidate("unknown-9", v1, 40, 2, List.of(1),
                Candidate.Status.OPEN));
        ForgetReport report = manager.forget("unknown-9");
        assertEquals(1, report.candidatesErased());
        assertTrue(report.found());
        assertTrue(catalog.candidates("model-v1", v1.dimension()).get("unknown-9").isEmpty());
        assertEquals(0, manager.forget(id(2)).candidatesErased(), "a person who was never a candidate");
        assertFalse(manager.forget("unknown-9").found());
    }

    @Test
    void switchingToAnUnknownVersionSaysWhichExist() {
        enrolAll();
        IndexException e = assertThrows(IndexException.class, () -> catalog.switchLive("model-v9"));
        assertTrue(e.getMessage().contains("model-v9") && e.getMessage().contains("model-v1"), e.getMessage());
        assertThrows(IndexException.class, () -> catalog.drop("model-v1"));
    }

    /** Delays each batch, so the concurrent searches certainly overlap the reindex. */
    private record SlowModel(SyntheticModel inner) implements io.faceflow.index.gallery.CropEmbedder {
        @Override
        public String modelVersion() {
            return inner.modelVersion();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public float[][] embed(List<byte[]> crops) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.embed(crops);
        }
    }
}
