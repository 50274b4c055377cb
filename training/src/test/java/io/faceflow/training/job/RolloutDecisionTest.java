package io.faceflow.training.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutDecisionTest {
    private static Map<String, Object> figures(double rank1, double unseenAccuracy) {
        return Map.of("held_out_images", Map.of("identification", Map.of("rank1", rank1)),
                "unseen_identities", Map.of("verification", Map.of("accuracy_mean", unseenAccuracy)));
    }

    private static Map<String, Object> evaluation(double r0, double u0, double r1, double u1) {
        Map<String, Object> after = new java.util.HashMap<>(figures(r1, u1));
        after.put("before", figures(r0, u0));
        return after;
    }

    @Test
    void betterOrEqualIdentificationWithinTheUnseenToleranceRollsOut() {
        RolloutDecision d = RolloutDecision.of(evaluation(0.90, 0.95, 0.93, 0.947), 0.005);
        assertTrue(d.rollOut(), d.reason());
        assertTrue(d.reason().contains("90.00 % -> 93.00 %") && d.reason().contains("95.00 % -> 94.70 %"), d.reason());
        assertTrue(RolloutDecision.of(evaluation(0.90, 0.95, 0.90, 0.95), 0.005).rollOut(), "equal is not worse");
    }

    @Test
    void worseIdentificationOrTooMuchLostOnUnseenPeopleKeepsTheParent() {
        RolloutDecision rank = RolloutDecision.of(evaluation(0.90, 0.95, 0.89, 0.96), 0.005);
        assertFalse(rank.rollOut());
        assertTrue(rank.reason().contains("identifies the gallery's people worse"), rank.reason());
        RolloutDecision unseen = RolloutDecision.of(evaluation(0.90, 0.95, 0.95, 0.944), 0.005);
        assertFalse(unseen.rollOut());
        assertTrue(unseen.reason().contains("unseen people worse"), unseen.reason());
        assertFalse(RolloutDecision.of(evaluation(0.90, 0.95, Double.NaN, 0.95), 0.005).rollOut(), "a diverged run");
        assertFalse(RolloutDecision.of(evaluation(0.90, 0.95, 0.95, Double.NaN), 0.005).rollOut(), "a diverged run");
    }

    @Test
    void aCandidateTheGuardRefusesIsNotRolledOutWhateverItsOwnFigures() {
        Map<String, Object> e = new java.util.HashMap<>(evaluation(0.90, 0.95, 0.95, 0.97));
        e.put("guard", new GuardResult("other people", 400, 0.9850, 0.9810, 0.003, 0.99, 0.98).json());
        RolloutDecision refused = RolloutDecision.of(e, 0.005);
        assertFalse(refused.rollOut());
        assertTrue(refused.refusedByGuard());
        assertTrue(refused.reason().contains("98.50 % -> 98.10 %") && refused.reason().contains("400 pairs"),
                refused.reason());
        e.put("guard", new GuardResult("other people", 400, 0.9850, 0.9825, 0.003, 0.99, 0.98).json());
        RolloutDecision within = RolloutDecision.of(e, 0.005);
        assertTrue(within.rollOut(), within.reason());
        assertFalse(within.refusedByGuard());
        e.put("guard", new GuardResult("other people", 400, 0.9850, 0.9820, 0.003, 0.99, 0.98).json());
        assertTrue(RolloutDecision.of(e, 0.005).rollOut(), "a loss of exactly the tolerance is allowed");
        e.put("guard", new GuardResult("other people", 400, 0.9850, 0.9850, 0.003, 0.97, 0.98).json());
        RolloutDecision drifted = RolloutDecision.of(e, 0.005);
        assertTrue(drifted.refusedByGuard(), "same accuracy, but the embeddings of other people moved too far");
        assertTrue(drifted.reason().contains("cosine 0.9700 (at least 0.9800)")
                && drifted.reason().contains("moved too far"), drifted.reason());
        Map<String, Object> diverged = new java.util.HashMap<>(new GuardResult("other people", 400, 0.9850, 0.5, 0.003,
                0.99, 0.98).json());
        diverged.put("child_accuracy", "NaN"); // as JSON writes a NaN
        diverged.put("parent_child_cosine", "NaN");
        e.put("guard", diverged);
        assertTrue(RolloutDecision.of(e, 0.005).refusedByGuard(), "a diverged run");
    }

    @Test
    void aCandidateWithoutBothFiguresCannotBeJudged() {
        var e = assertThrows(IllegalArgumentException.class, () -> RolloutDecision.of(figures(0.9, 0.9), 0.005));
        assertTrue(e.getMessage().contains("before/after"), e.getMessage());
    }
}
