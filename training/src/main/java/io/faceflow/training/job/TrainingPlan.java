package io.faceflow.training.job;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.model.InputSpec;
import io.faceflow.training.loss.MarginHeadConfig;
import io.faceflow.training.train.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a checked {@link TrainRequest} settles before any data is loaded: the architecture (the
 * parent's on a warm start), the head, the checkpoint folder and the guard's sources.
 *
 * @param init the parent's manifest on a warm start (--init), else null
 * @param guardSources where the guard pairs come from; empty when there is no guard (no --init, or --no-guard)
 */
public record TrainingPlan(Backbone arch, MarginHeadConfig head, BundleManifest init, Path checkpointDir,
        List<Path> guardSources) {
    /** The parent's input convention when fine-tuning (its weights expect it), else the architecture's. */
    public InputSpec input() {
        return init != null ? init.input() : arch.input();
    }

    /** The parent's embedding protocol when fine-tuning, so step 0 embeds as the parent does. */
    public EmbeddingProtocol embedding() {
        return init != null ? init.embedding() : EmbeddingProtocol.FLIP_AVERAGED;
    }

    /** The checks that need no data loading: paths, names, numbers, resume/overwrite state. */
    static TrainingPlan of(TrainRequest r) throws IOException {
        MarginHeadConfig head = MarginHeadConfig.byName(r.loss());
        if (r.epochs() < 1 || r.batchSize() < 2) {
            throw new IllegalArgumentException("need --epochs >= 1 and --batch >= 2, got " + r.epochs() + " and "
                    + r.batchSize());
        }
        if (!(r.validationFraction() >= 0 && r.validationFraction() < 0.9)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 0.9), got " + r.validationFraction());
        }
        TrainingData.check(r.data());
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
        return new TrainingPlan(arch, head, initManifest, checkpointDir, guardSources);
    }

    /** A from-scratch learning rate on a warm start wrecks what the parent knew: only on explicit request. */
    private static void checkFineTuneRate(TrainRequest r) {
        if (highFineTuneRate(r) && !r.keep().allowHighLr()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "learning rate %.4g (backbone %.4g)"
                    + " on a warm start (--init): above %.4g a fine-tune forgets what the parent knew (docs/results.md:"
                    + " 0.01 made runs worse, 0.001 improved every one). Leave --lr/--backbone-lr-scale at their"
                    + " fine-tuning defaults, or pass --allow-high-lr to train at this rate anyway", r.schedule().lr(),
                    r.schedule().lr() * r.backboneLrScale(), ParentKeeping.MAX_FINE_TUNE_LR));
        }
    }

    static boolean highFineTuneRate(TrainRequest r) {
        return Math.max(r.schedule().lr(), r.schedule().lr() * r.backboneLrScale()) > ParentKeeping.MAX_FINE_TUNE_LR;
    }
}
