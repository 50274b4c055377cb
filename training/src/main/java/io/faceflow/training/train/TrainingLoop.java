package io.faceflow.training.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.faceflow.training.data.HorizontalFlip;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.loss.SoftmaxCrossEntropy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Trains any DJL block that maps images [B, C, H, W] to embeddings [B, E] with a margin head.
 *
 * <p>Per step: forward backbone and head, mean cross-entropy, backward, clip the backbone's total
 * gradient norm, SGD-momentum update of backbone and head (weight decay on both, as the
 * reference), zero the gradients. Everything random (epoch shuffle, flips, margins) is derived
 * from (seed, epoch/step), so a run resumed from a checkpoint continues exactly as the
 * uninterrupted run would (blocks with dropout excepted: the engine's RNG is not checkpointed).
 */
public final class TrainingLoop {
    private final Block backbone;
    private final MarginHead head;
    private final TrainingConfig config;
    private final NDManager manager;
    private final java.util.concurrent.atomic.AtomicBoolean stopRequested = new java.util.concurrent.atomic.AtomicBoolean();

    public TrainingLoop(Block backbone, MarginHead head, TrainingConfig config, NDManager manager) {
        this.backbone = backbone;
        this.head = head;
        this.config = config;
        this.manager = manager;
    }

    /**
     * Asks a running {@link #run} to end after its current step, writing a checkpoint first (when a
     * checkpoint folder is configured) so the run can be resumed. Safe from any thread (e.g. a
     * shutdown hook on Ctrl-C).
     */
    public void requestStop() {
        stopRequested.set(true);
    }

    public TrainingSummary run(LabelledImages data) throws IOException {
        return run(data, null);
    }

    /**
     * Trains on {@code data}; with {@code distillation} (non-null) the loss also holds the
     * backbone's embeddings of these images close to the parent's ({@link FeatureDistillation}).
     */
    public TrainingSummary run(LabelledImages data, FeatureDistillation distillation) throws IOException {
        int batch = config.batchSize();
        if (distillation != null && distillation.size() != data.size()) {
            throw new IllegalArgumentException("distillation targets for " + distillation.size() + " images, data has "
                    + data.size());
        }
        int stepsPerEpoch = data.size() / batch;
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException("the dataset has " + data.size() + " images, fewer than one batch of " + batch);
        }
        if (data.classes() > head.classes()) {
            throw new IllegalArgumentException("the data has " + data.classes() + " identities but the head only "
                    + head.classes() + " class centres");
        }
        int[] shape = data.imageShape();
        Shape inputShape = new Shape(batch, shape[0], shape[1], shape[2]);
        initialise(inputShape);

        ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faceflow-batch-loader");
            t.setDaemon(true);
            return t;
        });
        try (SgdMomentum optimizer = new SgdMomentum(config.momentum(), config.weightDecay(), manager);
                MetricsLog metrics = MetricsLog.open(config.metricsFile())) {
            Checkpoints checkpoints = config.checkpointDir() == null ? null : new Checkpoints(config.checkpointDir());
            TrainingState state = new TrainingState(0, 0, 0, 0, head.config().name());
            Optional<java.nio.file.Path> resume = checkpoints == null ? Optional.empty() : checkpoints.latest();
            if (resume.isPresent()) {
                state = Checkpoints.load(resume.get(), manager, backbone, head, optimizer);
                if (!state.headName().equals(head.config().name())) {
                    throw new IllegalStateException("checkpoint " + resume.get() + " trained " + state.headName()
                            + ", this run uses " + head.config().name() + ": use another checkpoint folder");
                }
                head.setStep(state.headStep());
                metrics.write(record("resume", state.epoch(), state.globalStep(), Map.of("from", resume.get().toString())));
            }

            // After any resume: loading replaces the parameter arrays, which must then track gradients.
            Map<String, Parameter> backboneParams = trainable(backbone, "backbone/");
            Map<String, Parameter> headParams = trainable(head, "head/");
            long startStep = state.globalStep();
            long step = startStep;
            if (config.maxSteps() > 0 && startStep >= config.maxSteps()) {
                return new TrainingSummary(startStep, step, List.of(), List.of(), false);
            }
            List<Double> losses = new ArrayList<>();
            List<Double> epochMeans = new ArrayList<>();
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = state.epoch(); epoch < config.epochs(); epoch++) {
                int[] order = shuffle(data.size(), config.seed(), epoch);
                int first = epoch == state.epoch() ? state.batchInEpoch() : 0;
                double epochLoss = 0;
                int epochSteps = 0;
                try (ProgressBar bar = config.progressBar() ? progressBar(epoch, stepsPerEpoch, first) : null) {
                    // The next batch is assembled (decoded, flipped) on a host thread while this one computes.
                    final int ep = epoch;
                    Future<Batch> next = first < stepsPerEpoch
                            ? loader.submit(() -> assemble(data, distillation, order, first, ep)) : null;
                    for (int b = first; b < stepsPerEpoch; b++) {
                        double lr = config.schedule().lr(step, stepsPerEpoch);
                        Batch input = await(next);
                        final int nb = b + 1;
                        next = nb < stepsPerEpoch
                                ? loader.submit(() -> assemble(data, distillation, order, nb, ep)) : null;
                        StepResult r = step(input, distillation, store, backboneParams, headParams, optimizer, lr,
                                inputShape);
                        step++;
                        losses.add(r.loss());
                        epochLoss += r.loss();
                        epochSteps++;
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("loss", r.loss());
                        extra.put("lr", lr);
                        extra.put("grad_norm", r.gradNorm());
                        if (distillation != null) {
                            extra.put("distill", r.distill());
                        }
                        metrics.write(record("step", epoch, step, extra));
                        if (bar != null) {
                            bar.step();
                            bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.3f lr %.4g", r.loss(), lr));
                        }
                        boolean epochEnd = b + 1 == stepsPerEpoch;
                        boolean budgetSpent = config.maxSteps() > 0 && step >= config.maxSteps();
                        if ((stopRequested.get() || budgetSpent) && !epochEnd) {
                            if (checkpoints != null) {
                                checkpoints.save(new TrainingState(epoch, b + 1, step, head.step(), head.config().name()),
                                        backbone, head, optimizer);
                            }
                            if (budgetSpent && !stopRequested.get()) {
                                epochMeans.add(epochLoss / epochSteps);
                                metrics.write(record("epoch", epoch, step, Map.of("mean_loss", epochLoss / epochSteps,
                                        "steps", epochSteps, "partial", true)));
                                return new TrainingSummary(startStep, step, losses, epochMeans, false);
                            }
                            metrics.write(record("stopped", epoch, step, Map.of()));
                            return new TrainingSummary(startStep, step, losses, epochMeans, true);
                        }
                        if (checkpoints != null && !epochEnd && config.checkpointEverySteps() > 0
                                && step % config.checkpointEverySteps() == 0) {
                            checkpoints.save(new TrainingState(epoch, b + 1, step, head.step(), head.config().name()),
                                    backbone, head, optimizer);
                        }
                    }
                }
                double mean = epochSteps == 0 ? Double.NaN : epochLoss / epochSteps;
                epochMeans.add(mean);
                metrics.write(record("epoch", epoch, step, Map.of("mean_loss", mean, "steps", epochSteps)));
                if (checkpoints != null) {
                    checkpoints.save(new TrainingState(epoch + 1, 0, step, head.step(), head.config().name()),
                            backbone, head, optimizer);
                }
                if (config.maxSteps() > 0 && step >= config.maxSteps()) {
                    break;
                }
                if (stopRequested.get() && epoch + 1 < config.epochs()) {
                    metrics.write(record("stopped", epoch + 1, step, Map.of()));
                    return new TrainingSummary(startStep, step, losses, epochMeans, true);
                }
            }
            return new TrainingSummary(startStep, step, losses, epochMeans, false);
        } finally {
            loader.shutdownNow();
        }
    }

    private static Batch await(Future<Batch> batch) throws IOException {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("loading a batch failed: " + cause.getMessage(), cause);
        }
    }

    /** A step's whole loss, its distillation part (0 without one) and the backbone's gradient norm before clipping. */
    private record StepResult(double loss, double distill, double gradNorm) {}

    /** One batch's input, assembled on the host (decode, flip, copy); targets null without distillation. */
    private record Batch(float[] pixels, long[] labels, float[] targets) {}

    private Batch assemble(LabelledImages data, FeatureDistillation distillation, int[] order, int b, int epoch) {
        int batch = config.batchSize();
        int[] shape = data.imageShape();
        int per = shape[0] * shape[1] * shape[2];
        float[] pixels = new float[batch * per];
        long[] labels = new long[batch];
        float[] targets = null;
        for (int i = 0; i < batch; i++) {
            int index = order[b * batch + i];
            float[] image = data.image(index);
            // Decided per (seed, epoch, sample) so a resumed epoch flips the same images.
            boolean flipped = config.flip()
                    && new SplittableRandom(mix(config.seed() ^ 0x5DEECE66DL, epoch, index)).nextBoolean();
            if (flipped) {
                image = HorizontalFlip.flipChw(image, shape[0], shape[1], shape[2]);
            }
            System.arraycopy(image, 0, pixels, i * per, per);
            labels[i] = data.label(index);
            if (distillation != null) {
                float[] target = distillation.target(index, flipped);
                if (targets == null) {
                    targets = new float[batch * target.length];
                }
                System.arraycopy(target, 0, targets, i * target.length, target.length);
            }
        }
        return new Batch(pixels, labels, targets);
    }

    private StepResult step(Batch input, FeatureDistillation distillation, ParameterStore store,
            Map<String, Parameter> backboneParams, Map<String, Parameter> headParams, SgdMomentum optimizer, double lr,
            Shape inputShape) {
        float[] pixels = input.pixels();
        long[] labels = input.labels();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(pixels, inputShape);
            NDArray y = scope.create(labels);
            double loss;
            double distill = 0;
            try (GradientCollector collector = Engine.getEngine(manager.getEngine().getEngineName()).newGradientCollector()) {
                NDArray embeddings = backbone.forward(store, new NDList(x), true).head();
                NDArray logits = head.forward(store, new NDList(embeddings, y), true).singletonOrThrow();
                NDArray l = SoftmaxCrossEntropy.mean(logits, y);
                if (distillation != null) {
                    NDArray t = scope.create(input.targets(), new Shape(x.getShape().get(0), input.targets().length
                            / x.getShape().get(0)));
                    NDArray d = distillation.term(embeddings, t);
                    distill = d.toType(DataType.FLOAT64, false).getDouble();
                    l = l.add(d);
                }
                collector.backward(l);
                loss = l.toType(DataType.FLOAT64, false).getDouble();
            }
            double norm = clip(backboneParams.values(), config.clipNorm());
            update(backboneParams, optimizer, lr * config.backboneLrScale());
            update(headParams, optimizer, lr);
            return new StepResult(loss, distill, norm);
        }
    }

    /** Scales the gradients so their total L2 norm is at most maxNorm (as torch's clip_grad_norm_); returns the norm before. */
    static double clip(Iterable<Parameter> params, double maxNorm) {
        double sumSq = 0;
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient(); NDArray sq = g.square().sum()) {
                sumSq += sq.toType(DataType.FLOAT64, false).getDouble();
            }
        }
        double norm = Math.sqrt(sumSq);
        if (maxNorm > 0) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                for (Parameter p : params) {
                    try (NDArray g = p.getArray().getGradient()) {
                        g.muli(coef);
                    }
                }
            }
        }
        return norm;
    }

    private static void update(Map<String, Parameter> params, SgdMomentum optimizer, double lr) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray value = e.getValue().getArray();
            try (NDArray g = value.getGradient()) {
                optimizer.update(e.getKey(), value, g, lr);
                g.muli(0); // backward accumulates into .grad
            }
        }
    }

    private void initialise(Shape inputShape) {
        if (!backbone.isInitialized()) {
            Engine.getEngine(manager.getEngine().getEngineName()).setRandomSeed((int) config.seed());
            backbone.initialize(manager, DataType.FLOAT32, inputShape);
        }
        Shape out = backbone.getOutputShapes(new Shape[] {inputShape})[0];
        if (out.dimension() != 2 || out.get(1) != head.embeddingSize()) {
            throw new IllegalArgumentException("the backbone outputs " + out + " but the head expects [batch, "
                    + head.embeddingSize() + "] embeddings");
        }
        if (!head.isInitialized()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(inputShape.get(0), head.embeddingSize()),
                    new Shape(inputShape.get(0)));
        }
    }

    private static Map<String, Parameter> trainable(Block block, String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
                out.put(prefix + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    static int[] shuffle(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, -1));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long mix(long seed, long a, long b) {
        return seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
    }

    private ProgressBar progressBar(int epoch, int steps, int done) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("epoch " + (epoch + 1) + "/" + config.epochs())
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .build();
        bar.stepTo(done);
        return bar;
    }

    private Map<String, Object> record(String type, int epoch, long step, Map<String, Object> extra) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", type);
        r.put("time", System.currentTimeMillis());
        r.put("epoch", epoch);
        r.put("step", step);
        r.put("head", head.config().name());
        r.putAll(extra);
        return r;
    }
}
