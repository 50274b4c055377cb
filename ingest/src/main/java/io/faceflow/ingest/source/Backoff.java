package io.faceflow.ingest.source;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delay with jitter: many cameras behind one failed switch must not all
 * reconnect in the same millisecond.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private long currentMs;

    public Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.currentMs = initialMs;
    }

    /** The next delay: between half and all of the current step; the step then doubles up to the maximum. */
    public long nextDelayMs() {
        long step = currentMs;
        currentMs = Math.min(maxMs, currentMs * 2);
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    /** Called after the source delivered frames again. */
    public void reset() {
        currentMs = initialMs;
    }
}
