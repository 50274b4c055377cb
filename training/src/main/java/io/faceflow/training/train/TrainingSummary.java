package io.faceflow.training.train;

import java.util.List;

/**
 * What a call to {@link TrainingLoop#run} did.
 *
 * @param startStep the global step it began at (non-zero after a resume)
 * @param endStep the global step it ended at
 * @param losses the loss of every step it ran, in order
 * @param epochMeanLosses mean loss of each epoch it completed (partial epochs after a resume included)
 * @param stopped true when {@link TrainingLoop#requestStop()} ended it early (a checkpoint was written)
 */
public record TrainingSummary(long startStep, long endStep, List<Double> losses, List<Double> epochMeanLosses,
        boolean stopped) {
    public TrainingSummary {
        losses = List.copyOf(losses);
        epochMeanLosses = List.copyOf(epochMeanLosses);
    }
}
