package io.faceflow.training.job;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.loss.ClassCentres;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.train.FaceSetImages;
import io.faceflow.training.train.FeatureDistillation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a fine-tuning run (--init) does besides training: measures the parent on the guard, the
 * parent's figures on this run's split, class centres for the new head and the distillation
 * targets, so the child starts where the parent stood and is held to it.
 */
final class WarmStart {
    private final TrainRequest request;
    private final TrainingPlan plan;
    private final Consumer<String> log;

    WarmStart(TrainRequest request, TrainingPlan plan, Consumer<String> log) {
        this.request = request;
        this.plan = plan;
        this.log = log;
    }

    /** The guard's sources, the parent's embeddings of their faces and its figure on them (null set: --no-guard). */
    record ParentGuard(GuardSet set, List<float[][]> parentEmbeddings, double parentAccuracy) {}

    /**
     * Before a fine-tune: says what the learning rate and the guard are, loads the guard, drops
     * sources holding copies of training faces and measures the parent on the rest (with the parent
     * bundle as it serves, from disk, so a resumed run gets the same figure).
     */
    ParentGuard parentGuard(FaceSet set, int[] trainIdx) throws IOException {
        if (TrainingPlan.highFineTuneRate(request)) {
            log.accept(String.format(Locale.ROOT, "WARNING: learning rate %.4g (backbone %.4g) on a warm"
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
                    evaluator.embed(TrainingData.faces(set, trainIdx)), log);
            double accuracy = independent.set().verify(independent.parentEmbeddings()).accuracy().accuracyMean();
            log.accept(String.format(Locale.ROOT, "guard: parent %.2f %% on %d pairs of %s", 100 * accuracy,
                    independent.set().pairs(), independent.set().describe()));
            return new ParentGuard(independent.set(), independent.parentEmbeddings(), accuracy);
        }
    }

    /**
     * Before the first step of a fresh fine-tuning run: evaluates the backbone as loaded (the
     * parent's figures, measured on this run's split through the network that is about to train),
     * then starts the head's class centres at the identities' mean embeddings.
     */
    Evaluations primeHead(Block backbone, MarginHead head, FaceSet set, FaceSetImages train, int[] trainIdx,
            int[] valIdx, int[] heldOut, Device device, NDManager manager) {
        try (RecognitionModel parent = RecognitionModel.inMemory(backbone, plan.init(), device)) {
            ModelEvaluator evaluator = new ModelEvaluator(parent, 32);
            Evaluations before = Evaluations.measure(evaluator, set, valIdx, heldOut, request.seed(), "before", log);
            int[] classes = new int[trainIdx.length];
            for (int k = 0; k < trainIdx.length; k++) {
                classes[k] = train.label(k);
            }
            ClassCentres.fromMeans(head, evaluator.embed(TrainingData.faces(set, trainIdx)), classes, manager);
            return before;
        }
    }

    /**
     * The parent's embeddings of every training image, for the distillation term: from the backbone
     * as loaded on a fresh run (it is the parent until the first step), from a second copy of the
     * parent on a resumed one.
     */
    FeatureDistillation distillation(Block backbone, FaceSetImages train, NDManager manager) throws IOException {
        long started = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            Block parent = backbone;
            if (request.resume()) {
                parent = plan.arch().build((float) request.dropout());
                plan.arch().initialize(parent, scope, DataType.FLOAT32);
                ModelBundle.readWeights(request.init(), plan.init(), parent, scope);
            }
            FeatureDistillation d = FeatureDistillation.compute(parent, train, request.keep().distillWeight(), 32, scope);
            log.accept(String.format(Locale.ROOT, "feature distillation, weight %.3g: parent embeddings of %d"
                    + " training images, as given and mirrored (%.0f s)", d.weight(), d.size(),
                    TrainingJob.seconds(started)));
            return d;
        }
    }
}
