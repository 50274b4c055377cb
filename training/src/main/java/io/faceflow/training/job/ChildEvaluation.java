package io.faceflow.training.job;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.eval.BundleCalibration;
import io.faceflow.training.eval.EvaluationJson;
import io.faceflow.training.eval.ModelEvaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * After training: evaluates the written bundle as it serves (from disk), judges it against the
 * parent's guard figures and records both in its manifest, with a decision threshold calibrated on
 * the unseen identities when they allow one.
 */
final class ChildEvaluation {
    /** The false-accept rate of the threshold every trained bundle is calibrated at. */
    static final double CALIBRATION_FAR = 1e-3;

    /** The written bundle's manifest with its figures, and the guard's verdict (null without a guard). */
    record Evaluated(BundleManifest manifest, GuardResult guard) {}

    private ChildEvaluation() {}

    /**
     * @param before the parent's figures on this split (fresh fine-tune), else null
     * @param guard the parent's guard figures on a fine-tune, else null
     */
    static Evaluated evaluate(TrainRequest request, BundleManifest written, FaceSet set, int[] valIdx, int[] heldOut,
            Evaluations before, WarmStart.ParentGuard guard, Consumer<String> log) {
        if (valIdx.length == 0 && heldOut.length == 0 && guard == null) {
            return new Evaluated(written, null);
        }
        Evaluations after;
        GuardResult guarded = null;
        try (RecognitionModel model = RecognitionModel.load(request.out(), new ModelOptions(request.device(), false))) {
            ModelEvaluator evaluator = new ModelEvaluator(model, 32);
            after = Evaluations.measure(evaluator, set, valIdx, heldOut, request.seed(), "after", log);
            if (guard != null && guard.set() != null) {
                List<float[][]> embeddings = guard.set().embed(evaluator);
                guarded = new GuardResult(guard.set().describe(), guard.set().pairs(), guard.parentAccuracy(),
                        guard.set().verify(embeddings).accuracy().accuracyMean(), request.keep().guard().tolerance(),
                        GuardSet.meanCosine(guard.parentEmbeddings(), embeddings), request.keep().guard().minCosine());
                log.accept(guarded.describe());
            }
        }
        Map<String, Object> eval = new LinkedHashMap<>();
        if (after.unseen() != null) {
            eval.putAll(EvaluationJson.set(after.unseen()));
            eval.put("note", "held-out identities of the training data (never trained on)");
        }
        eval.putAll(after.json());
        if (before != null) {
            eval.put("before", before.json());
        }
        if (guarded != null) {
            eval.put("guard", guarded.json());
        } else if (guard != null) {
            eval.put("guard", Map.of("none", "--no-guard: not compared with the parent on other data sets"));
        }
        BundleManifest updated = written.withEvaluation(eval);
        if (after.unseen() != null) {
            try {
                BundleManifest calibrated = BundleCalibration.write(request.out(), updated,
                        after.unseen().verification(), CALIBRATION_FAR,
                        set.source() + ", " + after.unseen().images() + " images of unseen identities");
                log.accept("calibrated: " + calibrated.calibration().describe());
                return new Evaluated(calibrated, guarded);
            } catch (IllegalArgumentException ex) {
                log.accept("no calibrated threshold: " + ex.getMessage());
            }
        }
        ModelBundle.writeManifest(request.out(), updated);
        return new Evaluated(updated, guarded);
    }
}
