package io.faceflow.training.job;

import io.faceflow.core.model.Backbone;
import io.faceflow.training.data.CropMode;
import java.nio.file.Path;

/**
 * Everything `faceflow train` was asked to do.
 *
 * @param data identity-folder root or a .rec file (with its .idx beside it)
 * @param arch backbone; null to take it from {@code init}
 * @param loss margin head name (elastic-arc, elastic-arc+, elastic-cos, elastic-cos+, arcface, cosface)
 * @param out the bundle folder to write
 * @param workDir checkpoints, metrics and the skipped-files list; default {@code <out>.work} beside the bundle
 * @param init bundle whose backbone starts the run (a fresh head is trained on the new identities); null for random
 * @param resume continue from the latest checkpoint in {@code workDir}
 * @param maxSteps stop after this many steps (a fixed budget); 0 for none
 * @param validationFraction share of identities held out of training and used to evaluate the bundle
 * @param cropMode how identity-folder images become aligned faces
 * @param cacheDir aligned-crop cache; null for {@code <workDir>/faces}
 * @param modelsDir folder with the YuNet file; null for FACEFLOW_MODELS / defaults
 * @param device cpu, gpu or auto
 * @param backboneLrScale the backbone's learning rate as a multiple of the schedule's (the head's)
 * @param imageHoldout share of each training identity's images kept out to evaluate on (0 for none)
 * @param keep what a warm start does to keep what the parent knew (distillation, learning-rate limit, guard);
 *     only read with {@code init}
 */
public record TrainRequest(Path data, Backbone arch, String loss, int epochs, int batchSize, Path out, Path workDir,
        Path init, boolean resume, ScheduleSpec schedule, double momentum, double weightDecay, double clipNorm,
        double dropout, boolean flip, long seed, int checkpointEvery, long maxSteps, double validationFraction,
        CropMode cropMode, Path cacheDir, Path modelsDir, String device, String name, boolean progressBar,
        double backboneLrScale, double imageHoldout, ParentKeeping keep) {

    public Path effectiveWorkDir() {
        return workDir != null ? workDir : out.toAbsolutePath().resolveSibling(out.getFileName() + ".work");
    }

    public Path effectiveCacheDir() {
        return cacheDir != null ? cacheDir : effectiveWorkDir().resolve("faces");
    }
}
