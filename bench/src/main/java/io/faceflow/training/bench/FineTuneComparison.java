package io.faceflow.training.bench;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.job.ParentKeeping;
import io.faceflow.training.job.ScheduleSpec;
import io.faceflow.training.job.TrainOutcome;
import io.faceflow.training.job.TrainRequest;
import io.faceflow.training.job.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fine-tuning experiment of docs/results.md: the pretrained bundle fine-tuned with each margin
 * head under one budget, per seed. The seed also draws the split of the identities into
 * fine-tuning identities (some of whose images are held out) and unseen identities, so the spread
 * across seeds includes the split's. Each run's bundle records the figures before (the parent, on
 * the same split) and after; one JSON line per run goes to OUT/results.jsonl.
 *
 * <p>Usage: FineTuneComparison DATA OUT PARENT_BUNDLE STEPS BATCH LR BACKBONE_LR_SCALE HEADS SEEDS
 * [crop-mode] [unseen-fraction] [holdout-images] (HEADS and SEEDS comma-separated).
 */
public final class FineTuneComparison {
    private FineTuneComparison() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path parent = Path.of(args[2]);
        int steps = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        double lr = Double.parseDouble(args[5]);
        double backboneScale = Double.parseDouble(args[6]);
        List<String> heads = List.of(args[7].split(","));
        List<String> seeds = List.of(args[8].split(","));
        CropMode mode = args.length > 9 ? CropMode.parse(args[9]) : CropMode.DETECT_OR_RESIZE;
        double unseen = args.length > 10 ? Double.parseDouble(args[10]) : 0.5;
        double holdout = args.length > 11 ? Double.parseDouble(args[11]) : 0.3;
        Files.createDirectories(out);
        ResultLines results = new ResultLines(out.resolve("results.jsonl"));
        var done = results.done();
        for (String seed : seeds) {
            for (String head : heads) {
                if (done.contains(head + "/" + seed)) {
                    continue;
                }
                Path bundle = out.resolve(head.replace("+", "-plus") + "-seed" + seed);
                ResultLines.deleteTree(bundle);
                ResultLines.deleteTree(bundle.resolveSibling(bundle.getFileName() + ".work"));
                TrainRequest r = new TrainRequest(data, null, head, 1000, batch, bundle, null, parent, false,
                        new ScheduleSpec("cosine", lr, List.of(), 0.1, 0.0, 0), 0.9, 5e-4, 5.0, 0.0, true,
                        Long.parseLong(seed), 0, steps, unseen, mode, out.resolve("faces"), null, "cpu", null, false,
                        backboneScale, holdout, new ParentKeeping(0, false, null));
                long t0 = System.nanoTime();
                TrainOutcome o = new TrainingJob(r, System.err::println).run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                results.append(record(head, seed, o, seconds));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(String head, String seed, TrainOutcome o, double seconds) {
        BundleManifest m = o.manifest();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("head", head);
        r.put("seed", seed);
        r.put("steps", o.summary().endStep());
        r.put("job_seconds", seconds);
        List<Double> losses = o.summary().losses();
        r.put("first_loss", losses.get(0));
        r.put("last_loss", losses.get(losses.size() - 1));
        Map<String, Object> before = (Map<String, Object>) m.evaluation().get("before");
        r.put("before", figures(before));
        r.put("after", figures(m.evaluation()));
        r.put("train_identities", m.trainingSummary().get("train_identities"));
        r.put("unseen_identities", m.trainingSummary().get("validation_identities"));
        r.put("held_out_images", m.trainingSummary().get("held_out_images"));
        return r;
    }

    /** Rank-1 and TPIR at FPIR 1e-2 on held-out images; accuracy and TAR at FAR 1e-3 on unseen identities. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<String, Object> eval) {
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, Object> held = (Map<String, Object>) eval.get("held_out_images");
        Map<String, Object> unseen = (Map<String, Object>) eval.get("unseen_identities");
        if (held != null) {
            Map<String, Object> id = (Map<String, Object>) held.get("identification");
            f.put("rank1", id.get("rank1"));
            f.put("tpir_at_fpir_1e-2", at((List<Map<String, Object>>) id.get("tpir_at_fpir"), "fpir", "tpir", 1e-2));
        }
        if (unseen != null) {
            Map<String, Object> v = (Map<String, Object>) unseen.get("verification");
            f.put("verification_accuracy", v.get("accuracy_mean"));
            f.put("tar_at_far_1e-3", at((List<Map<String, Object>>) v.get("tar_at_far"), "far", "tar", 1e-3));
        }
        return f;
    }

    private static Object at(List<Map<String, Object>> points, String falseKey, String trueKey, double rate) {
        for (Map<String, Object> p : points) {
            if (Math.abs(((Number) p.get(falseKey)).doubleValue() - rate) < rate * 1e-6) {
                return p.get(trueKey);
            }
        }
        return null;
    }
}
