package io.faceflow.training.job;

/**
 * What a warm start (--init) does so the child keeps what its parent knew, and how that is checked.
 *
 * @param distillWeight weight of the feature-distillation term (child's embeddings of the training
 *     images held to the parent's); 0 switches it off
 * @param allowHighLr permit a learning rate above {@link #MAX_FINE_TUNE_LR} on a warm start
 * @param guard the roll-out guard; null to go without one (the log and the manifest say so)
 */
public record ParentKeeping(double distillWeight, boolean allowHighLr, GuardSpec guard) {
    /** On by default: see docs/results.md section 4 for the weights measured. */
    public static final double DEFAULT_DISTILL_WEIGHT = 10;
    /**
     * Highest head or backbone learning rate a warm start takes without {@code allowHighLr}: between
     * the measured 0.001 that improved every fine-tuning run and the 0.01 that made runs worse.
     */
    public static final double MAX_FINE_TUNE_LR = 0.003;

    public ParentKeeping {
        if (!(distillWeight >= 0) || !Double.isFinite(distillWeight)) {
            throw new IllegalArgumentException("the distillation weight must be >= 0, got " + distillWeight);
        }
    }
}
