package io.faceflow.streams.batch;

import java.time.Duration;

/**
 * When a {@link MicroBatcher} runs a batch: once it holds {@code maxBatch} items, once every one of
 * the {@code callers} threads that submit is waiting in it (none is left to add more, so waiting
 * would only add latency), or once its first item has waited {@code maxWait}.
 *
 * @param callers how many threads submit; 0 when unknown, so only size and time end the wait
 */
public record BatchPolicy(int maxBatch, Duration maxWait, int callers) {
    public BatchPolicy {
        if (maxBatch < 1 || maxWait.isNegative() || callers < 0) {
            throw new IllegalArgumentException("batch size must be >= 1, wait >= 0 and callers >= 0, got " + maxBatch
                    + ", " + maxWait + " and " + callers);
        }
    }

    /** Whether a batch of {@code requests} requests holding {@code items} items is complete. */
    boolean full(int requests, int items) {
        return items >= maxBatch || (callers > 0 && requests >= callers);
    }
}
