package io.faceflow.index.unknowns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateMergeTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    @Test
    void visitsOfBothCountOnceInTimeOrderAndTheCentroidWeighsMembers() {
        Candidate a = candidate("a", "v1", new float[] {1, 0}, 3, List.of(visit("e1", 100), visit("e3", 300)),
                List.of(shot("a1", 0.9, 1, 0)), Candidate.Status.OPEN);
        Candidate b = candidate("b", "v1", new float[] {0, 1}, 1, List.of(visit("e2", 200), visit("e3", 300)),
                List.of(shot("b1", 0.5, 0, 1)), Candidate.Status.IGNORED);

        Candidate merged = CandidateMerge.merge(a, b);

        assertEquals("a", merged.candidateId());
        assertEquals(Candidate.Status.OPEN, merged.status(), "the target's status");
        assertEquals(List.of("e1", "e2", "e3"), merged.visits().stream().map(CandidateVisit::eventId).toList());
        assertEquals(4, merged.members());
        float norm = (float) Math.sqrt(3 * 3 + 1);
        assertArrayEquals(new float[] {3 / norm, 1 / norm}, merged.centroid(), 1e-6f);
        assertEquals(1, merged.shots().size(), "no more shots than the fuller side held");
        assertEquals("a1", merged.shots().get(0).shotId(), "the best-quality shot comes first");
    }

    @Test
    void theMostDiverseShotsOfBothAreKeptNotNearCopies() {
        List<CandidateShot> shots = List.of(shot("front", 0.9, 1, 0), shot("front-again", 0.8, 0.99f, 0.14f),
                shot("profile", 0.3, 0, 1), shot("between", 0.2, 0.7f, 0.7f));

        assertEquals(List.of("front", "profile"), ids(DiverseShots.pick(shots, 2)));
        assertEquals(List.of("front", "profile", "between"), ids(DiverseShots.pick(shots, 3)));
        assertEquals(4, DiverseShots.pick(shots, 10).size());
    }

    @Test
    void aCandidateIsNotMergedIntoItselfNorAcrossModels() {
        Candidate a = candidate("a", "v1", new float[] {1, 0}, 1, List.of(visit("e1", 1)), List.of(),
                Candidate.Status.OPEN);
        Candidate other = candidate("b", "v2", new float[] {1, 0}, 1, List.of(visit("e2", 1)), List.of(),
                Candidate.Status.OPEN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CandidateMerge.merge(a, a)).getMessage()
                .contains("into itself"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CandidateMerge.merge(a, other)).getMessage()
                .contains("different models"));
    }

    private static List<String> ids(List<CandidateShot> shots) {
        return shots.stream().map(CandidateShot::shotId).toList();
    }

    private static Candidate candidate(String id, String version, float[] centroid, int members,
            List<CandidateVisit> visits, List<CandidateShot> shots, Candidate.Status status) {
        return new Candidate(id, version, centroid, members, visits, shots, status);
    }

    private static CandidateVisit visit(String event, long at) {
        return new CandidateVisit(event, "cam", at, at + 10);
    }

    private static CandidateShot shot(String id, double quality, float x, float y) {
        return new CandidateShot(id, "cam", 1, 60, 10, quality, JPEG, new float[] {x, y});
    }
}
