package io.faceflow.training.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parent and child on the guard (faces from data sets the child was not trained on), as recorded in
 * the child's manifest under {@code evaluation.guard}. The child passes when its verification
 * accuracy there is at most {@code tolerance} below the parent's and it has not moved its embeddings
 * of those faces further than {@code minCosine} allows.
 *
 * @param source the guard's sources in words
 * @param pairs verification pairs behind both accuracies (one pair is 100 / pairs points)
 * @param tolerance accuracy the child may lose, a share
 * @param parentChildCosine mean cosine between the parent's and the child's embedding of each guard face:
 *     how far the child moved on people it was not tuned on (1 = not at all). A small guard set of easy
 *     faces can keep its accuracy while the embeddings drift a long way (docs/results.md section 4); the
 *     drift is what a larger, harder set of such people would pay for
 * @param minCosine the lowest {@code parentChildCosine} that passes
 */
public record GuardResult(String source, int pairs, double parentAccuracy, double childAccuracy, double tolerance,
        double parentChildCosine, double minCosine) {

    /** Written as "must reach", so that a NaN figure (a diverged run) never passes. */
    public boolean passed() {
        return keptAccuracy() && parentChildCosine >= minCosine;
    }

    private boolean keptAccuracy() {
        // The epsilon keeps a loss of exactly the tolerance (e.g. 1 pair of 200 at 0.5) from failing on rounding.
        return childAccuracy >= parentAccuracy - tolerance - 1e-12;
    }

    public String describe() {
        String verdict = passed() ? "passed"
                : keptAccuracy() ? "REFUSED: the child moved too far from the parent on these people"
                : "REFUSED: the child verifies these people worse";
        return String.format(Locale.ROOT, "guard verification %.2f %% -> %.2f %% on %d pairs of %s (allowed loss %.2f"
                + " points), parent-child cosine %.4f (at least %.4f): %s", 100 * parentAccuracy, 100 * childAccuracy,
                pairs, source, 100 * tolerance, parentChildCosine, minCosine, verdict);
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("pairs", pairs);
        m.put("parent_accuracy", parentAccuracy);
        m.put("child_accuracy", childAccuracy);
        m.put("tolerance", tolerance);
        m.put("parent_child_cosine", parentChildCosine);
        m.put("min_cosine", minCosine);
        m.put("passed", passed());
        return m;
    }

    /** What a bundle's {@code evaluation} records under {@code guard}; empty when the run had no guard. */
    @SuppressWarnings("unchecked")
    public static java.util.Optional<GuardResult> recorded(Map<String, Object> evaluation) {
        Object guard = evaluation.get("guard");
        return guard instanceof Map<?, ?> m && m.containsKey("child_accuracy")
                ? java.util.Optional.of(fromJson((Map<String, Object>) m)) : java.util.Optional.empty();
    }

    /** Reads what {@link #json} wrote. */
    public static GuardResult fromJson(Map<String, Object> m) {
        return new GuardResult((String) m.get("source"), ((Number) m.get("pairs")).intValue(),
                number(m.get("parent_accuracy")), number(m.get("child_accuracy")), number(m.get("tolerance")),
                number(m.get("parent_child_cosine")), number(m.get("min_cosine")));
    }

    /** JSON writes a NaN (a diverged child) as the string "NaN". */
    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }
}
