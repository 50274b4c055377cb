package io.faceflow.training.job;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.model.Backbone;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.data.IdentitySplit;
import io.faceflow.training.data.ImageHoldout;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.train.FaceSetImages;
import io.faceflow.training.train.FeatureDistillation;
import io.faceflow.training.train.TrainingConfig;
import io.faceflow.training.train.TrainingLoop;
import io.faceflow.training.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One `faceflow train` run: checks the inputs, prepares the data, builds (or takes over) the
 * iResNet, trains it with a margin head, writes a model bundle and evaluates it on held-out
 * identities. All input problems surface before the first training step.
 */
public final class TrainingJob {
    private final TrainRequest request;
    private final Consumer<String> log;

    public TrainingJob(TrainRequest request, Consumer<String> log) {
        this.request = request;
        this.log = log;
    }

    /** The checks that need no data loading: paths, names, numbers, resume/overwrite state. */
    public TrainingPlan validate() throws IOException {
        return TrainingPlan.of(request);
    }

    /** Loads the data named by the request (identity folders through the face cache, or RecordIO). */
    public FaceSet loadData() throws IOException {
        return TrainingData.load(request, log);
    }

    /** Validates, loads, trains, publishes and evaluates. */
    public TrainOutcome run() throws IOException {
        long started = System.nanoTime();
        TrainingPlan plan = validate();
        try (FaceSet set = loadData()) {
            int[] labels = set.labels();
            IdentitySplit split = IdentitySplit.of(labels, request.validationFraction(), request.seed());
            ImageHoldout holdout = ImageHoldout.of(labels, IdentitySplit.indicesOf(labels, split.train()),
                    request.imageHoldout(), request.seed());
            int[] trainIdx = holdout.train();
            int[] valIdx = IdentitySplit.indicesOf(labels, split.validation());
            FaceSetImages train = new FaceSetImages(set, trainIdx, plan.input());
            if (train.classes() < 2) {
                throw new IllegalArgumentException(set.source() + ": training needs at least 2 identities with usable"
                        + " images, found " + train.classes() + " (after holding out " + split.validation().size()
                        + " for validation)");
            }
            if (train.size() < request.batchSize()) {
                throw new IllegalArgumentException(set.source() + ": " + train.size() + " training images, fewer than"
                        + " one batch of " + request.batchSize() + ": lower --batch");
            }
            int stepsPerEpoch = train.size() / request.batchSize();
            long totalSteps = (long) stepsPerEpoch * request.epochs();
            if (request.maxSteps() > 0) {
                totalSteps = Math.min(totalSteps, request.maxSteps());
            }
            log.accept(String.format(java.util.Locale.ROOT,
                    "training %s + %s on %d images of %d identities (%d held out for validation), %d steps of %d",
                    plan.arch().id(), plan.head().name(), train.size(), train.classes(), split.validation().size(),
                    totalSteps, request.batchSize()));
            TrainingConfig config = new TrainingConfig(request.epochs(), request.batchSize(), request.momentum(),
                    request.weightDecay(), request.schedule().build(totalSteps), request.clipNorm(), request.flip(),
                    request.seed(), plan.checkpointDir(), request.checkpointEvery(),
                    request.effectiveWorkDir().resolve("metrics.jsonl"), request.progressBar(), request.maxSteps(),
                    request.backboneLrScale());
            WarmStart warmStart = plan.init() != null ? new WarmStart(request, plan, log) : null;
            WarmStart.ParentGuard guard = warmStart != null ? warmStart.parentGuard(set, trainIdx) : null;
            Files.createDirectories(plan.checkpointDir());
            Device device = new ModelOptions(request.device(), false).resolve("PyTorch");
            BundleManifest written;
            TrainingSummary summary;
            Evaluations before = null;
            try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
                Block backbone = backbone(plan, manager);
                MarginHead head = new MarginHead(plan.head(), Backbone.EMBEDDING_SIZE, train.classes(), request.seed());
                if (warmStart != null && !request.resume()) {
                    before = warmStart.primeHead(backbone, head, set, train, trainIdx, valIdx, holdout.heldOut(),
                            device, manager);
                }
                FeatureDistillation distillation = warmStart != null && request.keep().distillWeight() > 0
                        ? warmStart.distillation(backbone, train, manager) : null;
                TrainingLoop loop = new TrainingLoop(backbone, head, config, manager);
                summary = runStoppable(loop, train, distillation);
                if (summary.stopped()) {
                    return new TrainOutcome(null, request.out(), plan.checkpointDir(), summary, true, seconds(started),
                            null);
                }
                written = ModelBundle.save(request.out(), backbone,
                        TrainedManifest.of(request, plan, set, train, split, holdout.heldOut().length, summary,
                                totalSteps, seconds(started)));
                // Served through ONNX Runtime: an iResNet's graph from its blocks, or a child in its parent's graph.
                written = OnnxImport.writeServingCopy(request.out(), written, backbone, request.init(), plan.init(), log);
            }
            log.accept("wrote bundle " + request.out() + " (version " + written.version() + ")");
            ChildEvaluation.Evaluated evaluated = ChildEvaluation.evaluate(request, written, set, valIdx,
                    holdout.heldOut(), before, guard, log);
            return new TrainOutcome(evaluated.manifest(), request.out(), plan.checkpointDir(), summary, false,
                    seconds(started), evaluated.guard());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Block backbone(TrainingPlan plan, NDManager manager) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed((int) request.seed());
        Block backbone = plan.arch().build((float) request.dropout());
        plan.arch().initialize(backbone, manager, DataType.FLOAT32);
        if (plan.init() != null && !request.resume()) {
            ModelBundle.readWeights(request.init(), plan.init(), backbone, manager);
            log.accept("backbone from " + request.init() + " (" + plan.init().version() + "), new head");
        }
        return backbone;
    }

    /** Runs the loop with a shutdown hook: Ctrl-C asks for a stop and waits until the checkpoint is written. */
    private TrainingSummary runStoppable(TrainingLoop loop, FaceSetImages train, FeatureDistillation distillation)
            throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            loop.requestStop();
            try {
                // One step plus a checkpoint; the JVM exits when this hook returns.
                done.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faceflow-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingSummary summary = loop.run(train, distillation);
            if (summary.stopped()) {
                // Said before releasing the hook: once it returns, the JVM exits.
                log.accept("stopped at step " + summary.endStep() + "; checkpoint in "
                        + request.effectiveWorkDir().resolve("checkpoints")
                        + ": rerun the same command with --resume to continue");
            }
            return summary;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Already shutting down: the hook is running and has been released above.
            }
        }
    }

    static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
