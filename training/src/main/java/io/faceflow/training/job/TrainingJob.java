package io.faceflow.training.job;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.model.InputSpec;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.data.IdentitySplit;
import io.faceflow.training.data.ImageHoldout;
import io.faceflow.training.data.PreparedFace;
import io.faceflow.training.data.RecordFaceSet;
import io.faceflow.training.data.RecordIoReader;
import io.faceflow.training.eval.BundleCalibration;
import io.faceflow.training.eval.EvalSettings;
import io.faceflow.training.eval.EvaluationJson;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.eval.SetEvaluation;
import io.faceflow.training.loss.ClassCentres;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.loss.MarginHeadConfig;
import io.faceflow.training.train.Checkpoints;
import io.faceflow.training.train.FaceSetImages;
import io.faceflow.training.train.FeatureDistillation;
import io.faceflow.training.train.TrainingConfig;
import io.faceflow.training.train.TrainingLoop;
import io.faceflow.training.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One `faceflow train` run: checks the inputs, prepares the data, builds (or takes over) the
 * iResNet, trains it with a margin head, writes a model bundle and evaluates it on held-out
 * identities. All input problems surface before the first training step.
 */
public final class TrainingJob {
    /** The false-accept rate of the threshold every trained bundle is calibrated at. */
    static final double CALIBRATION_FAR = 1e-3;

    private final TrainRequest request;
    private final Consumer<String> log;

    public TrainingJob(TrainRequest request, Consumer<String> log) {
        this.request = request;
        this.log = log;
    }

    /** The checks that need no data loading: paths, names, numbers, resume/overwrite state. */
    public PlannedRun validate() throws IOException {
        TrainRequest r = request;
        MarginHeadConfig head = MarginHeadConfig.byName(r.loss());
        if (r.epochs() < 1 || r.batchSize() < 2) {
            throw new IllegalArgumentException("need --epochs >= 1 and --batch >= 2, got " + r.epochs() + " and "
                    + r.batchSize());
        }
        if (!(r.validationFraction() >= 0 && r.validationFraction() < 0.9)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 0.9), got " + r.validationFraction());
        }
        checkData(r.data());
        if (!(r.imageHoldout() >= 0 && r.imageHoldout() < 0.9) || !(r.backboneLrScale() >= 0)) {
            throw new IllegalArgumentException("need --holdout-images in [0, 0.9) and --backbone-lr-scale >= 0, got "
                    + r.imageHoldout() + " and " + r.backboneLrScale());
        }
        Backbone arch = r.arch();
        BundleManifest initManifest = null;
        if (r.init() != null) {
            initManifest = ModelBundle.readManifest(r.init());
            if (initManifest.format() != WeightsFormat.DJL) {
                throw new IllegalArgumentException("--init " + r.init() + " is a " + initManifest.format()
                        + " bundle; only DJL bundles (made by faceflow) can continue training");
            }
            Backbone initArch = Backbones.parse(initManifest.architecture());
            if (arch != null && arch != initArch) {
                throw new IllegalArgumentException("--arch " + arch.id() + " does not match --init's " + initArch.id()
                        + ": leave --arch out or pick a bundle of that architecture");
            }
            arch = initArch;
            checkFineTuneRate(r);
        } else if (r.keep().guard() != null && !r.keep().guard().sources().isEmpty()) {
            throw new IllegalArgumentException("--guard compares a fine-tuned child with its parent: it needs --init");
        }
        if (arch == null) {
            throw new IllegalArgumentException("give --arch (" + Backbones.names() + ") or --init BUNDLE");
        }
        Path checkpointDir = r.effectiveWorkDir().resolve("checkpoints");
        boolean hasCheckpoint = new Checkpoints(checkpointDir).latest().isPresent();
        if (r.resume() && !hasCheckpoint) {
            throw new IllegalArgumentException("--resume: no checkpoint in " + checkpointDir
                    + " (start without --resume, or point --out/--work at the interrupted run)");
        }
        if (!r.resume() && hasCheckpoint) {
            throw new IllegalArgumentException(checkpointDir + " already holds checkpoints of an earlier run: add"
                    + " --resume to continue it, or choose another --out / --work");
        }
        if (!r.resume() && Files.exists(r.out().resolve(ModelBundle.MANIFEST))) {
            throw new IllegalArgumentException(r.out() + " already holds a model bundle: choose another --out");
        }
        List<Path> guardSources = r.init() != null && r.keep().guard() != null
                ? GuardSources.choose(r.keep().guard(), r.data()) : List.of();
        return new PlannedRun(arch, head, initManifest, checkpointDir, guardSources);
    }

    /** A from-scratch learning rate on a warm start wrecks what the parent knew: only on explicit request. */
    private static void checkFineTuneRate(TrainRequest r) {
        if (highFineTuneRate(r) && !r.keep().allowHighLr()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "learning rate %.4g (backbone %.4g)"
                    + " on a warm start (--init): above %.4g a fine-tune forgets what the parent knew (docs/results.md:"
                    + " 0.01 made runs worse, 0.001 improved every one). Leave --lr/--backbone-lr-scale at their"
                    + " fine-tuning defaults, or pass --allow-high-lr to train at this rate anyway", r.schedule().lr(),
                    r.schedule().lr() * r.backboneLrScale(), ParentKeeping.MAX_FINE_TUNE_LR));
        }
    }

    private static boolean highFineTuneRate(TrainRequest r) {
        return Math.max(r.schedule().lr(), r.schedule().lr() * r.backboneLrScale()) > ParentKeeping.MAX_FINE_TUNE_LR;
    }

    /**
     * What {@link #validate()} settled.
     *
     * @param guardSources where the guard pairs come from; empty when there is no guard (no --init, or --no-guard)
     */
    public record PlannedRun(Backbone arch, MarginHeadConfig head, BundleManifest init, Path checkpointDir,
            List<Path> guardSources) {
        /** The parent's input convention when fine-tuning (its weights expect it), else the architecture's. */
        public InputSpec input() {
            return init != null ? init.input() : arch.input();
        }

        /** The parent's embedding protocol when fine-tuning, so step 0 embeds as the parent does. */
        public EmbeddingProtocol embedding() {
            return init != null ? init.embedding() : EmbeddingProtocol.FLIP_AVERAGED;
        }
    }

    private static void checkData(Path data) {
        if (Files.isDirectory(data)) {
            IdentityFolders.scan(data, 2);
            return;
        }
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + " not found: give an identity-folder root or a .rec file");
        }
        if (!data.getFileName().toString().endsWith(".rec")) {
            throw new IllegalArgumentException("--data " + data + " is a file but not a .rec; give a RecordIO file or"
                    + " a folder with one sub-folder per identity");
        }
        Path idx = RecordIoReader.indexPathFor(data);
        if (!Files.isRegularFile(idx)) {
            throw new IllegalArgumentException(data + " has no index " + idx + ": rebuild it with RecordIoIndexer"
                    + " (or copy the .idx that came with the .rec)");
        }
    }

    /** Loads the data named by the request (identity folders through the face cache, or RecordIO). */
    public FaceSet loadData() throws IOException {
        Path data = request.data();
        if (!Files.isDirectory(data)) {
            return RecordFaceSet.open(data);
        }
        IdentityFolders folders = IdentityFolders.scan(data, 2);
        log.accept("preparing " + folders.size() + " images of " + folders.identities().size() + " identities ("
                + request.cropMode().cliName() + ", cache " + request.effectiveCacheDir() + ")");
        FolderFaceSet set;
        try (AlignedFaceCache cache = new AlignedFaceCache(request.effectiveCacheDir(), request.cropMode(),
                () -> new YuNetDetector(DetectorConfig.forModels(request.modelsDir())))) {
            set = FolderFaceSet.load(folders, cache, null);
        }
        var report = set.report();
        log.accept(report.summary());
        List<PreparedFace> unreadable = report.rejected().stream().filter(p -> p.rejection().startsWith("unreadable")).toList();
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException(unreadable.size() + " unreadable image(s), e.g. " + unreadable.get(0).file()
                    + " (" + unreadable.get(0).rejection() + "): fix or remove them before training");
        }
        if (!report.rejected().isEmpty()) {
            Path list = request.effectiveWorkDir().resolve("skipped.tsv");
            Files.createDirectories(list.getParent());
            List<String> lines = new ArrayList<>();
            for (PreparedFace p : report.rejected()) {
                lines.add(p.file() + "\t" + p.rejection());
            }
            Files.write(list, lines);
            log.accept("skipped files listed in " + list);
        }
        return set;
    }

    /** Validates, loads, trains, publishes and evaluates. */
    public TrainOutcome run() throws IOException {
        long started = System.nanoTime();
        PlannedRun plan = validate();
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
            ParentGuard guard = plan.init() != null ? parentChecks(plan, set, trainIdx) : null;
            Files.createDirectories(plan.checkpointDir());
            Device device = new ModelOptions(request.device(), false).resolve("PyTorch");
            BundleManifest written;
            TrainingSummary summary;
            Evaluations before = null;
            try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
                Block backbone = backbone(plan, manager);
                MarginHead head = new MarginHead(plan.head(), Backbone.EMBEDDING_SIZE, train.classes(), request.seed());
                if (plan.init() != null && !request.resume()) {
                    before = warmStart(plan, backbone, head, set, train, trainIdx, valIdx, holdout.heldOut(), device,
                            manager);
                }
                FeatureDistillation distillation = plan.init() != null && request.keep().distillWeight() > 0
                        ? distillation(plan, backbone, train, manager) : null;
                TrainingLoop loop = new TrainingLoop(backbone, head, config, manager);
                summary = runStoppable(loop, train, distillation);
                if (summary.stopped()) {
                    return new TrainOutcome(null, request.out(), plan.checkpointDir(), summary, true, seconds(started),
                            null);
                }
                written = ModelBundle.save(request.out(), backbone,
                        manifest(plan, set, train, split, holdout.heldOut().length, summary, totalSteps,
                                seconds(started)));
                // Served through ONNX Runtime: an iResNet's graph from its blocks, or a child in its parent's graph.
                written = OnnxImport.writeServingCopy(request.out(), written, backbone, request.init(), plan.init(), log);
            }
            log.accept("wrote bundle " + request.out() + " (version " + written.version() + ")");
            Evaluated evaluated = evaluate(written, set, valIdx, holdout.heldOut(), before, guard);
            return new TrainOutcome(evaluated.manifest(), request.out(), plan.checkpointDir(), summary, false,
                    seconds(started), evaluated.guard());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Block backbone(PlannedRun plan, NDManager manager) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed((int) request.seed());
        Block backbone = plan.arch().build((float) request.dropout());
        plan.arch().initialize(backbone, manager, DataType.FLOAT32);
        if (plan.init() != null && !request.resume()) {
            ModelBundle.readWeights(request.init(), plan.init(), backbone, manager);
            log.accept("backbone from " + request.init() + " (" + plan.init().version() + "), new head");
        }
        return backbone;
    }

    /** The guard's sources, the parent's embeddings of their faces and its figure on them (null set: --no-guard). */
    private record ParentGuard(GuardSet set, List<float[][]> parentEmbeddings, double parentAccuracy) {}

    /**
     * Before a fine-tune: says what the learning rate and the guard are, loads the guard, drops
     * sources holding copies of training faces and measures the parent on the rest (with the parent
     * bundle as it serves, from disk, so a resumed run gets the same figure).
     */
    private ParentGuard parentChecks(PlannedRun plan, FaceSet set, int[] trainIdx) throws IOException {
        if (highFineTuneRate(request)) {
            log.accept(String.format(java.util.Locale.ROOT, "WARNING: learning rate %.4g (backbone %.4g) on a warm"
                    + " start, allowed by --allow-high-lr: expect the child to forget much of what %s knew",
                    request.schedule().lr(), request.schedule().lr() * request.backboneLrScale(),
                    plan.init().version()));
        }
        GuardSpec spec = request.keep().guard();
        if (spec == null) {
            log.accept("no guard (--no-guard): nothing compares the child with its parent on people from other data sets");
            return new ParentGuard(null, List.of(), Double.NaN);
        }
        GuardSet all;
        try (AlignedFaceCache cache = new AlignedFaceCache(request.effectiveCacheDir(), CropMode.DETECT,
                () -> new YuNetDetector(DetectorConfig.forModels(request.modelsDir())))) {
            all = GuardSet.load(plan.guardSources(), cache, spec.maxImagesPerSource(), request.seed(), log);
        }
        try (RecognitionModel parent = RecognitionModel.load(request.init(), new ModelOptions(request.device(), false))) {
            ModelEvaluator evaluator = new ModelEvaluator(parent, 32);
            GuardSet.Independent independent = all.independentOf(all.embed(evaluator),
                    evaluator.embed(faces(set, trainIdx)), log);
            double accuracy = independent.set().verify(independent.parentEmbeddings()).accuracy().accuracyMean();
            log.accept(String.format(java.util.Locale.ROOT, "guard: parent %.2f %% on %d pairs of %s", 100 * accuracy,
                    independent.set().pairs(), independent.set().describe()));
            return new ParentGuard(independent.set(), independent.parentEmbeddings(), accuracy);
        }
    }

    /**
     * The parent's embeddings of every training image, for the distillation term: from the backbone
     * as loaded on a fresh run (it is the parent until the first step), from a second copy of the
     * parent on a resumed one.
     */
    private FeatureDistillation distillation(PlannedRun plan, Block backbone, FaceSetImages train, NDManager manager)
            throws IOException {
        long started = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            Block parent = backbone;
            if (request.resume()) {
                parent = plan.arch().build((float) request.dropout());
                plan.arch().initialize(parent, scope, DataType.FLOAT32);
                ModelBundle.readWeights(request.init(), plan.init(), parent, scope);
            }
            FeatureDistillation d = FeatureDistillation.compute(parent, train, request.keep().distillWeight(), 32, scope);
            log.accept(String.format(java.util.Locale.ROOT, "feature distillation, weight %.3g: parent embeddings of %d"
                    + " training images, as given and mirrored (%.0f s)", d.weight(), d.size(), seconds(started)));
            return d;
        }
    }

    private static List<io.faceflow.core.image.BgrImage> faces(FaceSet set, int[] indices) {
        List<io.faceflow.core.image.BgrImage> faces = new ArrayList<>(indices.length);
        for (int i : indices) {
            faces.add(set.face(i));
        }
        return faces;
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

    private BundleManifest manifest(PlannedRun plan, FaceSet set, FaceSetImages train, IdentitySplit split,
            int heldOut, TrainingSummary summary, long plannedSteps, double seconds) {
        MarginHeadConfig h = plan.head();
        Map<String, Object> lossParams = new LinkedHashMap<>();
        lossParams.put("type", h.type().name());
        lossParams.put("scale", h.scale());
        lossParams.put("margin", h.margin());
        lossParams.put("std", h.std());
        lossParams.put("plus", h.plus());
        if (h.plus()) {
            lossParams.put("assignment", h.assignment().name());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", set.source());
        if (set instanceof FolderFaceSet folder) {
            s.put("crop_mode", request.cropMode().cliName());
            s.put("files", folder.report().files());
            s.put("skipped_files", folder.report().rejected().size());
        }
        s.put("images", set.size());
        s.put("identities", set.identities().size());
        s.put("train_images", train.size());
        s.put("train_identities", train.classes());
        s.put("validation_identities", split.validation().size());
        s.put("epochs", request.epochs());
        s.put("batch", request.batchSize());
        s.put("steps", summary.endStep());
        s.put("planned_steps", plannedSteps);
        s.put("schedule", request.schedule().describe());
        s.put("momentum", request.momentum());
        s.put("weight_decay", request.weightDecay());
        s.put("clip_norm", request.clipNorm());
        s.put("flip", request.flip());
        s.put("seed", request.seed());
        List<Double> losses = summary.losses();
        if (!losses.isEmpty()) {
            s.put("final_loss", losses.get(losses.size() - 1));
        }
        s.put("epoch_mean_losses", summary.epochMeanLosses());
        if (plan.init() != null) {
            s.put("init", plan.init().version());
            s.put("backbone_lr_scale", request.backboneLrScale());
            s.put("distill_weight", request.keep().distillWeight());
            s.put("allow_high_lr", request.keep().allowHighLr());
            s.put("head_init", "class centres from the identities' mean embeddings under the parent");
        }
        s.put("held_out_images", heldOut);
        s.put("seconds", Math.round(seconds));
        String name = request.name() != null ? request.name()
                : "faceflow-" + plan.arch().id() + "-" + h.name().toLowerCase(java.util.Locale.ROOT).replace("elasticface-", "elastic-");
        return new BundleManifest(BundleManifest.FORMAT_VERSION, name, null, WeightsFormat.DJL, plan.arch().id(),
                Backbone.EMBEDDING_SIZE, request.dropout(), plan.input(), null, null, false, h.name(), lossParams, s,
                null, Instant.now().toString(), plan.embedding(), null, null);
    }

    /** The two evaluation sets of a run: unseen identities and held-out images of the trained ones. */
    public record Evaluations(SetEvaluation unseen, SetEvaluation heldOutImages) {
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

    /**
     * Before the first step of a fine-tuning run: evaluates the backbone as loaded (the parent's
     * figures, measured on this run's split through the network that is about to train), then starts
     * the head's class centres at the identities' mean embeddings.
     */
    private Evaluations warmStart(PlannedRun plan, Block backbone, MarginHead head, FaceSet set, FaceSetImages train,
            int[] trainIdx, int[] valIdx, int[] heldOut, Device device, NDManager manager) {
        try (RecognitionModel parent = RecognitionModel.inMemory(backbone, plan.init(), device)) {
            ModelEvaluator evaluator = new ModelEvaluator(parent, 32);
            Evaluations before = evaluations(evaluator, set, valIdx, heldOut, "before");
            int[] classes = new int[trainIdx.length];
            for (int k = 0; k < trainIdx.length; k++) {
                classes[k] = train.label(k);
            }
            ClassCentres.fromMeans(head, evaluator.embed(faces(set, trainIdx)), classes, manager);
            return before;
        }
    }

    private Evaluations evaluations(ModelEvaluator evaluator, FaceSet set, int[] valIdx, int[] heldOut, String when) {
        EvalSettings settings = new EvalSettings(3000, 1, 0.3, request.seed());
        SetEvaluation unseen = evaluateOrSkip(evaluator, "unseen identities", set, valIdx, settings, when);
        // Open-set on people the head was trained on: some of them are left out of the gallery, so
        // their new photos are the non-mated probes.
        SetEvaluation held = evaluateOrSkip(evaluator, "held-out images", set, heldOut, settings, when);
        return new Evaluations(unseen, held);
    }

    private SetEvaluation evaluateOrSkip(ModelEvaluator evaluator, String name, FaceSet set, int[] idx,
            EvalSettings settings, String when) {
        if (idx.length == 0) {
            return null;
        }
        try {
            SetEvaluation e = evaluator.evaluateSet(name, set, idx, settings);
            log.accept(String.format(java.util.Locale.ROOT, "%s, %s: verification %s on %d pairs, rank-1 %.1f %%",
                    when, name, e.verification().accuracy().summary(), e.verification().pairs(),
                    100 * e.identification().rank1()));
            return e;
        } catch (IllegalArgumentException ex) {
            // Too few images for a protocol (e.g. one image per identity): say so, keep going.
            log.accept(when + ", " + name + ": evaluation skipped: " + ex.getMessage());
            return null;
        }
    }

    /** The written bundle's manifest with its figures, and the guard's verdict (null without a guard). */
    private record Evaluated(BundleManifest manifest, GuardResult guard) {}

    /**
     * Evaluates the written bundle and records the figures, with the parent's when fine-tuning, the
     * guard's (parent and child) and a decision threshold calibrated on the unseen identities at FAR
     * 1e-3 when they allow one.
     */
    private Evaluated evaluate(BundleManifest written, FaceSet set, int[] valIdx, int[] heldOut, Evaluations before,
            ParentGuard guard) {
        if (valIdx.length == 0 && heldOut.length == 0 && guard == null) {
            return new Evaluated(written, null);
        }
        Evaluations after;
        GuardResult guarded = null;
        try (RecognitionModel model = RecognitionModel.load(request.out(), new ModelOptions(request.device(), false))) {
            ModelEvaluator evaluator = new ModelEvaluator(model, 32);
            after = evaluations(evaluator, set, valIdx, heldOut, "after");
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

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
