package io.faceflow.training.job;

import io.faceflow.training.data.FaceSet;
import io.faceflow.training.eval.EvalSettings;
import io.faceflow.training.eval.EvaluationJson;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.eval.SetEvaluation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The two evaluation sets of a run: unseen identities and held-out images of the trained ones;
 * either is null when the split left it empty or too small for a protocol.
 */
public record Evaluations(SetEvaluation unseen, SetEvaluation heldOutImages) {
    /** Evaluates a model on both sets; {@code when} ("before", "after") prefixes the log lines. */
    static Evaluations measure(ModelEvaluator evaluator, FaceSet set, int[] valIdx, int[] heldOut, long seed,
            String when, Consumer<String> log) {
        EvalSettings settings = new EvalSettings(3000, 1, 0.3, seed);
        SetEvaluation unseen = evaluateOrSkip(evaluator, "unseen identities", set, valIdx, settings, when, log);
        // Open-set on people the head was trained on: some of them are left out of the gallery, so
        // their new photos are the non-mated probes.
        SetEvaluation held = evaluateOrSkip(evaluator, "held-out images", set, heldOut, settings, when, log);
        return new Evaluations(unseen, held);
    }

    private static SetEvaluation evaluateOrSkip(ModelEvaluator evaluator, String name, FaceSet set, int[] idx,
            EvalSettings settings, String when, Consumer<String> log) {
        if (idx.length == 0) {
            return null;
        }
        try {
            SetEvaluation e = evaluator.evaluateSet(name, set, idx, settings);
            log.accept(String.format(Locale.ROOT, "%s, %s: verification %s on %d pairs, rank-1 %.1f %%",
                    when, name, e.verification().accuracy().summary(), e.verification().pairs(),
                    100 * e.identification().rank1()));
            return e;
        } catch (IllegalArgumentException ex) {
            // Too few images for a protocol (e.g. one image per identity): say so, keep going.
            log.accept(when + ", " + name + ": evaluation skipped: " + ex.getMessage());
            return null;
        }
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (unseen != null) {
            m.put("unseen_identities", EvaluationJson.set(unseen));
        }
        if (heldOutImages != null) {
            m.put("held_out_images", EvaluationJson.set(heldOutImages));
        }
        return m;
    }
}
