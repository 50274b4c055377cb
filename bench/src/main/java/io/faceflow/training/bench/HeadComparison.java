package io.faceflow.training.bench;

import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.eval.EvalSettings;
import io.faceflow.training.eval.EvaluationJson;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.eval.SetEvaluation;
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
 * The head comparison of docs/results.md: the same backbone, budget and seeds for each margin head,
 * trained on one identity-folder set and evaluated (verification + open-set identification) on a
 * disjoint one. Writes one JSON line per run (plus an untrained baseline) to OUT/results.jsonl.
 *
 * <p>Usage: HeadComparison TRAIN_DIR TEST_DIR OUT ARCH STEPS BATCH HEADS SEEDS [crop-mode]
 * (HEADS and SEEDS comma-separated).
 */
public final class HeadComparison {
    private HeadComparison() {}

    public static void main(String[] args) throws Exception {
        Path trainDir = Path.of(args[0]);
        Path testDir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Backbone arch = Backbones.parse(args[3]);
        int steps = Integer.parseInt(args[4]);
        int batch = Integer.parseInt(args[5]);
        List<String> heads = List.of(args[6].split(","));
        List<String> seeds = List.of(args[7].split(","));
        CropMode mode = args.length > 8 ? CropMode.parse(args[8]) : CropMode.ALIGNED;
        Files.createDirectories(out);
        ResultLines results = new ResultLines(out.resolve("results.jsonl"));
        EvalSettings settings = new EvalSettings(3000, 1, 0.5, 0);
        FolderFaceSet test = FolderFaceSet.load(IdentityFolders.scan(testDir, 2),
                new AlignedFaceCache(out.resolve("faces"), mode, () -> new YuNetDetector(DetectorConfig.forModels(null))),
                null);
        int[] all = java.util.stream.IntStream.range(0, test.size()).toArray();

        // Re-running continues an interrupted grid: runs with a result line are skipped.
        java.util.Set<String> done = results.done();
        Path baseline = out.resolve("untrained");
        if (!done.contains("untrained/-")) {
            ModelBundle.initRandom(baseline, arch, 1);
            results.append(record("untrained", "-", 0, 0, evaluate(baseline, test, all, settings), null));
        }

        for (String seed : seeds) {
            for (String head : heads) {
                if (done.contains(head + "/" + seed)) {
                    continue;
                }
                Path bundle = out.resolve(head.replace("+", "-plus") + "-seed" + seed);
                ResultLines.deleteTree(bundle);
                ResultLines.deleteTree(bundle.resolveSibling(bundle.getFileName() + ".work"));
                TrainRequest r = new TrainRequest(trainDir, arch, head, 1000, batch, bundle, null, null, false,
                        new ScheduleSpec("cosine", 0.1, List.of(), 0.1, 0.0, 0), 0.9, 5e-4, 5.0, 0.0, true,
                        Long.parseLong(seed), 0, steps, 0.0, mode, out.resolve("faces"), null, "cpu", null, false, 1.0, 0.0,
                        new ParentKeeping(0, false, null));
                long t0 = System.nanoTime();
                TrainOutcome o = new TrainingJob(r, System.err::println).run();
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> rec = record(head, seed, o.summary().endStep(), trainSeconds,
                        evaluate(bundle, test, all, settings), o.summary().losses());
                results.append(rec);
            }
        }
    }

    private static SetEvaluation evaluate(Path bundle, FolderFaceSet test, int[] all, EvalSettings settings) {
        try (RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU)) {
            return new ModelEvaluator(model, 50).evaluateSet("test", test, all, settings);
        }
    }

    private static Map<String, Object> record(String head, String seed, long steps, double seconds, SetEvaluation e,
            List<Double> losses) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head", head);
        m.put("seed", seed);
        m.put("steps", steps);
        m.put("train_seconds", seconds);
        if (losses != null && !losses.isEmpty()) {
            m.put("first_loss", losses.get(0));
            m.put("last_loss", losses.get(losses.size() - 1));
        }
        m.putAll(EvaluationJson.set(e));
        return m;
    }
}
