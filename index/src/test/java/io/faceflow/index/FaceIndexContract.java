package io.faceflow.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every FaceIndex backend must show; subclasses only say how to open one. */
public abstract class FaceIndexContract {
    protected static final String MODEL = "test-model-1";
    protected static final int DIM = 64;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Random random = new Random(42);

    /** A fresh, empty collection for {@code modelVersion}. */
    protected abstract FaceIndex create(String modelVersion, int dimension, List<AutoCloseable> toClose) throws Exception;

    private FaceIndex index;
    private final List<float[]> centres = new ArrayList<>();

    @BeforeEach
    void openIndex() throws Exception {
        index = create(MODEL, DIM, toClose);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private List<Identity> enrolPeople(int count, int templates) {
        List<Identity> people = TestVectors.people(random, count, templates, DIM, centres, Map.of("site", "hq"));
        index.upsert(people);
        return people;
    }

    @Test
    void aBulkLoadInBatchesIsWholeAndSearchableAtAnyBeam() {
        List<Identity> people = TestVectors.people(random, 60, 2, DIM, centres, Map.of());
        for (int from = 0; from < people.size(); from += 20) {
            index.upsert(people.subList(from, from + 20));
        }
        index.finishBulkLoad();
        assertEquals(60, index.count());
        assertEquals(120, index.templateCount());
        FaceIndex narrow = index.withSearchBeam(20);
        for (int p = 0; p < people.size(); p += 7) {
            float[] probe = TestVectors.near(random, centres.get(p), 0.3);
            String expected = people.get(p).identityId();
            assertEquals(expected, index.search(new SearchRequest(MODEL, List.of(probe), 3)).get(0).get(0).identityId());
            assertEquals(expected, narrow.search(new SearchRequest(MODEL, List.of(probe), 3)).get(0).get(0).identityId());
        }
        assertThrows(IllegalArgumentException.class, () -> index.withSearchBeam(0));
    }

    @Test
    void findsTheRightPersonWithDetails() {
        enrolPeople(30, 3);
        float[] probe = TestVectors.near(random, centres.get(7), 0.3);
        List<List<SearchHit>> results = index.search(new SearchRequest(MODEL, List.of(probe), 5));
        SearchHit top = results.get(0).get(0);
        assertEquals("p007", top.identityId());
        assertEquals("Person 7", top.displayName());
        assertEquals(Map.of("site", "hq"), top.metadata());
        assertTrue(top.templateId().matches("t[0-2]"), top.templateId());
        assertTrue(top.score() > 0.7f, "score " + top.score());
    }

    @Test
    void searchesABatchInOrderWithDistinctIdentitiesBestFirst() {
        enrolPeople(30, 3);
        List<float[]> probes = List.of(TestVectors.near(random, centres.get(3), 0.3),
                TestVectors.near(random, centres.get(21), 0.3), TestVectors.near(random, centres.get(0), 0.3));
        List<List<SearchHit>> results = index.search(new SearchRequest(MODEL, probes, 10));
        assertEquals(3, results.size());
        assertEquals("p003", results.get(0).get(0).identityId());
        assertEquals("p021", results.get(1).get(0).identityId());
        assertEquals("p000", results.get(2).get(0).identityId());
        for (List<SearchHit> hits : results) {
            assertEquals(10, hits.size());
            assertEquals(10, hits.stream().map(SearchHit::identityId).distinct().count(), "identities repeat: " + hits);
            for (int i = 1; i < hits.size(); i++) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "not sorted: " + hits);
            }
        }
    }

    @Test
    void upsertReplacesAnIdentitysTemplates() {
        enrolPeople(5, 3);
        assertEquals(15, index.templateCount());
        float[] newFace = TestVectors.random(random, DIM);
        index.upsert(new Identity("p002", "Renamed", Map.of("site", "lab"), List.of(new Template("only", newFace))));
        assertEquals(13, index.templateCount());
        IdentitySummary p2 = index.listIdentities().stream().filter(s -> s.identityId().equals("p002")).findFirst()
                .orElseThrow();
        assertEquals(new IdentitySummary("p002", "Renamed", Map.of("site", "lab"), 1), p2);
        SearchHit top = index.search(new SearchRequest(MODEL, List.of(newFace), 1)).get(0).get(0);
        assertEquals("p002", top.identityId());
        assertEquals("only", top.templateId());
        // the old face no longer leads to p002
        List<SearchHit> old = index.search(new SearchRequest(MODEL, List.of(centres.get(2)), 1)).get(0);
        assertTrue(old.isEmpty() || old.get(0).score() < 0.5f, "old template still found: " + old);
    }

    @Test
    void deleteRemovesEveryTemplate() {
        enrolPeople(10, 3);
        assertTrue(index.delete("p004"));
        assertFalse(index.delete("p004"));
        assertFalse(index.delete("nobody"));
        assertEquals(9, index.count());
        assertEquals(27, index.templateCount());
        List<SearchHit> hits = index.search(new SearchRequest(MODEL, List.of(centres.get(4)), 10)).get(0);
        assertTrue(hits.stream().noneMatch(h -> h.identityId().equals("p004")), "deleted identity found: " + hits);
    }

    @Test
    void enrolledNamesOnlyTheIdentitiesHeldNow() {
        enrolPeople(5, 3);
        index.delete("p002");
        assertEquals(Set.of("p001", "p003"), index.enrolled(List.of("p001", "p002", "p003", "nobody", "p001")));
        assertEquals(Set.of(), index.enrolled(List.of()));
    }

    @Test
    void filtersOnMetadata() {
        List<Identity> people = new ArrayList<>();
        List<float[]> c = new ArrayList<>();
        people.addAll(TestVectors.people(random, 10, 2, DIM, c, Map.of("site", "hq", "list", "staff")));
        List<Identity> watch = TestVectors.people(random, 10, 2, DIM, c, Map.of("site", "hq", "list", "watch"));
        for (Identity w : watch) {
            people.add(new Identity("w" + w.identityId(), w.displayName(), w.metadata(), w.templates()));
        }
        index.upsert(people);
        // A probe of a staff member, filtered to the watch list, must not return staff.
        List<SearchHit> hits = index.search(new SearchRequest(MODEL, List.of(c.get(0)), 5, Map.of("list", "watch")))
                .get(0);
        assertEquals(5, hits.size());
        assertTrue(hits.stream().allMatch(h -> h.metadata().get("list").equals("watch")), hits.toString());
        List<SearchHit> none = index.search(new SearchRequest(MODEL, List.of(c.get(0)), 5, Map.of("list", "vip")))
                .get(0);
        assertTrue(none.isEmpty(), none.toString());
    }

    @Test
    void refusesAnotherModelVersion() {
        enrolPeople(3, 1);
        ModelVersionMismatchException e = assertThrows(ModelVersionMismatchException.class,
                () -> index.search(new SearchRequest("other-model", List.of(centres.get(0)), 1)));
        assertTrue(e.getMessage().contains("other-model") && e.getMessage().contains(MODEL), e.getMessage());
    }

    @Test
    void refusesAnotherDimension() {
        enrolPeople(3, 1);
        assertThrows(DimensionMismatchException.class,
                () -> index.search(new SearchRequest(MODEL, List.of(new float[DIM + 1]), 1)));
        assertThrows(DimensionMismatchException.class, () -> index.upsert(new Identity("x", "X", Map.of(),
                List.of(new Template("t", TestVectors.random(random, 32))))));
        assertEquals(3, index.count());
    }

    @Test
    void listsAndCountsIdentitiesSorted() {
        enrolPeople(12, 2);
        List<IdentitySummary> all = index.listIdentities();
        assertEquals(12, all.size());
        assertEquals(12, index.count());
        assertEquals(24, index.templateCount());
        assertEquals("p000", all.get(0).identityId());
        assertEquals("p011", all.get(11).identityId());
        assertTrue(all.stream().allMatch(s -> s.templateCount() == 2));
        assertEquals(12, new HashSet<>(all).size());
    }

    @Test
    void emptyIndexFindsNothing() {
        assertEquals(0, index.count());
        assertEquals(0, index.templateCount());
        assertTrue(index.search(new SearchRequest(MODEL, List.of(TestVectors.random(random, DIM)), 3)).get(0).isEmpty());
    }
}
