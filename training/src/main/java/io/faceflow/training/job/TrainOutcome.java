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
 */
public record TrainOutcome(BundleManifest manifest, Path bundle, Path checkpoints, TrainingSummary summary,
        boolean stopped, double seconds) {}
