package io.faceflow.training.job;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a fine-tuned candidate may replace its parent, from the figures its bundle records for
 * both: on the guard pairs (people from data sets it was not trained on) verification may fall by
 * at most the guard's tolerance; on the same held-out split of its own data, identification of new
 * photos of the fine-tuning identities (rank-1) must not fall, and verification on unseen
 * identities may fall by at most {@code unseenTolerance} (a share, e.g. 0.005 for half a point).
 *
 * @param guard parent and candidate on the guard pairs; null when the run had no guard (--no-guard)
 * @param reason one line with both models' figures, said whichever way the decision goes
 */
public record RolloutDecision(boolean rollOut, double parentRank1, double candidateRank1, double parentUnseenAccuracy,
        double candidateUnseenAccuracy, GuardResult guard, String reason) {

    /** True when the guard is what refused the candidate: it forgot what the parent knew about other people. */
    public boolean refusedByGuard() {
        return guard != null && !guard.passed();
    }

    /** Reads a bundle's {@code evaluation} as written by a fine-tuning {@link TrainingJob}. */
    @SuppressWarnings("unchecked")
    public static RolloutDecision of(Map<String, Object> evaluation, double unseenTolerance) {
        Map<String, Object> before = (Map<String, Object>) evaluation.get("before");
        if (before == null || !evaluation.containsKey("held_out_images") || !evaluation.containsKey("unseen_identities")
                || !before.containsKey("held_out_images") || !before.containsKey("unseen_identities")) {
            throw new IllegalArgumentException("the candidate has no before/after figures on both held-out sets"
                    + " (held-out images of the fine-tuning identities and unseen identities): give the gallery more"
                    + " people or more crops per person, or lower --holdout-images/--unseen only if they still allow both");
        }
        double pr = rank1((Map<String, Object>) before.get("held_out_images"));
        double cr = rank1((Map<String, Object>) evaluation.get("held_out_images"));
        double pu = accuracy((Map<String, Object>) before.get("unseen_identities"));
        double cu = accuracy((Map<String, Object>) evaluation.get("unseen_identities"));
        GuardResult guard = GuardResult.recorded(evaluation).orElse(null);
        String figures = String.format(Locale.ROOT,
                "rank-1 on held-out images %.2f %% -> %.2f %%, verification on unseen identities %.2f %% -> %.2f %%"
                        + " (allowed loss %.2f points)", 100 * pr, 100 * cr, 100 * pu, 100 * cu, 100 * unseenTolerance)
                + (guard != null ? ", " + guard.describe() : ", no guard");
        if (guard != null && !guard.passed()) {
            return new RolloutDecision(false, pr, cr, pu, cu, guard, "candidate forgot what its parent knew about"
                    + " people from other data sets: " + figures);
        }
        // Written as "must reach", so that a candidate whose figures are NaN (a diverged run) never passes.
        if (!(cr >= pr)) {
            return new RolloutDecision(false, pr, cr, pu, cu, guard, "candidate identifies the gallery's people worse: "
                    + figures);
        }
        if (!(cu >= pu - unseenTolerance)) {
            return new RolloutDecision(false, pr, cr, pu, cu, guard, "candidate verifies unseen people worse: " + figures);
        }
        return new RolloutDecision(true, pr, cr, pu, cu, guard, "candidate is not worse: " + figures);
    }

    @SuppressWarnings("unchecked")
    private static double rank1(Map<String, Object> set) {
        return ((Number) ((Map<String, Object>) set.get("identification")).get("rank1")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static double accuracy(Map<String, Object> set) {
        return ((Number) ((Map<String, Object>) set.get("verification")).get("accuracy_mean")).doubleValue();
    }
}
