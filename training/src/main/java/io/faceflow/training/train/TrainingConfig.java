package io.faceflow.training.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one training run.
 *
 * @param epochs total epochs (a resumed run continues up to this)
 * @param batchSize samples per step; the last partial batch of an epoch is dropped
 * @param momentum SGD momentum (PyTorch convention: buf = momentum * buf + grad)
 * @param weightDecay L2 added to every parameter's gradient, as the reference does
 * @param schedule learning rate per step
 * @param clipNorm total gradient-norm limit for the backbone; 0 switches clipping off
 * @param flip whether to mirror each sample with probability 1/2
 * @param seed drives the epoch shuffles, flips, margin draws and initialisation
 * @param checkpointDir where checkpoints go and resume comes from; null for none
 * @param checkpointEverySteps extra checkpoints within an epoch every n steps; 0 for epoch ends only
 * @param metricsFile JSON-lines metrics output; null for none
 * @param progressBar whether to draw a console progress bar
 * @param maxSteps stop after this many global steps even within an epoch (a fixed compute budget); 0 for no limit
 * @param backboneLrScale the backbone's learning rate as a multiple of the head's (the schedule's): below 1 when
 *     fine-tuning a pretrained backbone, so a fresh head does not drag it far from what it already knows
 */
public record TrainingConfig(int epochs, int batchSize, double momentum, double weightDecay, LrSchedule schedule,
        double clipNorm, boolean flip, long seed, Path checkpointDir, int checkpointEverySteps, Path metricsFile,
        boolean progressBar, long maxSteps, double backboneLrScale) {

    public TrainingConfig(int epochs, int batchSize, double momentum, double weightDecay, LrSchedule schedule,
            double clipNorm, boolean flip, long seed, Path checkpointDir, int checkpointEverySteps, Path metricsFile,
            boolean progressBar, long maxSteps) {
        this(epochs, batchSize, momentum, weightDecay, schedule, clipNorm, flip, seed, checkpointDir,
                checkpointEverySteps, metricsFile, progressBar, maxSteps, 1.0);
    }

    public TrainingConfig(int epochs, int batchSize, double momentum, double weightDecay, LrSchedule schedule,
            double clipNorm, boolean flip, long seed, Path checkpointDir, int checkpointEverySteps, Path metricsFile,
            boolean progressBar) {
        this(epochs, batchSize, momentum, weightDecay, schedule, clipNorm, flip, seed, checkpointDir,
                checkpointEverySteps, metricsFile, progressBar, 0);
    }

    public TrainingConfig {
        Objects.requireNonNull(schedule, "schedule");
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive, got " + epochs + " and " + batchSize);
        }
        if (!(backboneLrScale >= 0)) {
            throw new IllegalArgumentException("backbone learning-rate scale must be >= 0, got " + backboneLrScale);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("max steps must be >= 0 (0 = no limit), got " + maxSteps);
        }
        if (momentum < 0 || momentum >= 1 || weightDecay < 0 || clipNorm < 0 || checkpointEverySteps < 0) {
            throw new IllegalArgumentException("need 0 <= momentum < 1 and non-negative weight decay, clip norm and"
                    + " checkpoint interval; got " + momentum + ", " + weightDecay + ", " + clipNorm + ", "
                    + checkpointEverySteps);
        }
    }

    /** The published recipe (SGD 0.9, wd 5e-4, lr 0.1 stepped at 8/14/20/25, clip 5, flip) for 26 epochs. */
    public static TrainingConfig reference(int batchSize, Path outputDir) {
        return new TrainingConfig(26, batchSize, 0.9, 5e-4, LrSchedule.reference(), 5.0, true, 42L,
                outputDir.resolve("checkpoints"), 0, outputDir.resolve("metrics.jsonl"), true);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, momentum, weightDecay, schedule, clipNorm, flip, seed,
                checkpointDir, checkpointEverySteps, metricsFile, progressBar, maxSteps, backboneLrScale);
    }
}
