package io.faceflow.training.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluation results as plain maps: for a bundle manifest's {@code evaluation} and for {@code --json} output. */
public final class EvaluationJson {
    private EvaluationJson() {}

    public static Map<String, Object> verification(VerificationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", r.set());
        m.put("pairs", r.pairs());
        m.put("accuracy_mean", r.accuracy().accuracyMean());
        m.put("accuracy_std", r.accuracy().accuracyStd());
        m.put("accuracy", r.accuracy().summary());
        List<Map<String, Object>> points = new ArrayList<>();
        for (OperatingPoint p : r.tarAtFar()) {
            points.add(point("far", "tar", p));
        }
        m.put("tar_at_far", points);
        m.put("roc_auc", r.roc().auc());
        return m;
    }

    public static Map<String, Object> identification(IdentificationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank1", r.rank1());
        m.put("rank5", r.rank5());
        m.put("mated_probes", r.matedProbes());
        m.put("non_mated_probes", r.nonMatedProbes());
        List<Map<String, Object>> points = new ArrayList<>();
        for (OperatingPoint p : r.openSet()) {
            points.add(point("fpir", "tpir", p));
        }
        m.put("tpir_at_fpir", points);
        return m;
    }

    public static Map<String, Object> set(SetEvaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", e.set());
        m.put("images", e.images());
        m.put("verification", verification(e.verification()));
        m.put("identification", identification(e.identification()));
        return m;
    }

    private static Map<String, Object> point(String falseName, String trueName, OperatingPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(falseName, p.targetFalseRate());
        m.put(trueName, p.trueRate());
        m.put("threshold", p.threshold());
        m.put("achieved_" + falseName, p.achievedFalseRate());
        return m;
    }
}
