package io.faceflow.training.job;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.training.train.TrainingSummary;
import java.nio.file.Path;

/**
 * What a training job produced.
 *
 * @param manifest the written bundle's manifest; null when the run was stopped before the end
 * @param checkpoints where the checkpoints are (resume from there with --resume)
 * @param stopped true when Ctrl-C (or another stop request) ended the run early
 * @param guard parent and child on the guard pairs; null when there was no guard (no --init, --no-guard, stopped)
 */
public record TrainOutcome(BundleManifest manifest, Path bundle, Path checkpoints, TrainingSummary summary,
        boolean stopped, double seconds, GuardResult guard) {

    /** Whether the child may be rolled out as far as the guard is concerned. */
    public boolean refusedByGuard() {
        return guard != null && !guard.passed();
    }
}
