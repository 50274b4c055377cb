package io.faceflow.training.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.training.data.SyntheticIdentities;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.loss.MarginHeadConfig;
import io.faceflow.training.train.LrSchedule;
import io.faceflow.training.train.SyntheticImages;
import io.faceflow.training.train.TrainingConfig;
import io.faceflow.training.train.TrainingLoop;
import io.faceflow.training.train.TrainingSummary;
import java.util.Locale;

/**
 * Training throughput of the DJL stack: iResNet + margin head, full steps (forward, backward,
 * clip, SGD) on synthetic 112x112 identities, so the number excludes image decoding.
 * Usage: TrainStepBenchmark [arch] [batch] [steps] [warmup] [classes] [loss]
 */
public final class TrainStepBenchmark {
    private TrainStepBenchmark() {}

    public static void main(String[] args) throws Exception {
        Backbone arch = Backbones.parse(args.length > 0 ? args[0] : "iresnet18");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int classes = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        MarginHeadConfig loss = MarginHeadConfig.byName(args.length > 5 ? args[5] : "elastic-arc");
        int perIdentity = Math.max(1, (batch * (steps + warmup) + classes - 1) / classes);
        SyntheticImages data = new SyntheticImages(new SyntheticIdentities(1), classes, perIdentity);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block backbone = arch.build(0f);
            arch.initialize(backbone, manager, DataType.FLOAT32);
            MarginHead head = new MarginHead(loss, Backbone.EMBEDDING_SIZE, classes, 1);
            TrainingConfig warm = new TrainingConfig(1, batch, 0.9, 5e-4, new LrSchedule.Cosine(0.01, 0.01, 1), 5.0,
                    true, 1, null, 0, null, false);
            // Warm-up steps run as their own loop over a subset, then the timed loop.
            TrainingLoop loop = new TrainingLoop(backbone, head, warm, manager);
            long t0 = System.nanoTime();
            loop.run(new Prefix(data, batch * warmup));
            long t1 = System.nanoTime();
            TrainingSummary s = loop.run(new Prefix(data, batch * steps));
            long t2 = System.nanoTime();
            double sec = (t2 - t1) / 1e9;
            System.out.printf(Locale.ROOT,
                    "{\"arch\":\"%s\",\"batch\":%d,\"loss\":\"%s\",\"classes\":%d,\"warmup_steps\":%d,\"warmup_s\":%.2f,"
                            + "\"steps\":%d,\"seconds\":%.2f,\"s_per_step\":%.3f,\"images_per_s\":%.2f,\"threads\":%d,"
                            + "\"last_loss\":%.4f}%n",
                    arch.id(), batch, loss.name(), classes, warmup, (t1 - t0) / 1e9, steps, sec, sec / steps,
                    batch * steps / sec, Runtime.getRuntime().availableProcessors(),
                    s.losses().get(s.losses().size() - 1));
        }
    }

    /** The first n images of another set. */
    private record Prefix(io.faceflow.training.train.LabelledImages all, int n) implements io.faceflow.training.train.LabelledImages {
        public int size() { return n; }
        public int classes() { return all.classes(); }
        public int label(int i) { return all.label(i); }
        public int[] imageShape() { return all.imageShape(); }
        public float[] image(int i) { return all.image(i); }
    }
}
