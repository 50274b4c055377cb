package io.faceflow.training.train;

/**
 * Where a run stands, as stored in a checkpoint.
 *
 * @param epoch the epoch in progress (0-based)
 * @param batchInEpoch the next batch of that epoch
 * @param globalStep steps taken in total
 * @param headStep the margin head's step counter (drives the margin draw)
 * @param headName the margin head the run trains, to refuse resuming with another one
 */
public record TrainingState(int epoch, int batchInEpoch, long globalStep, long headStep, String headName) {}
