package io.faceflow.streams.topology;

import io.faceflow.index.IndexException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs index work for a frame, retrying with a growing pause while the index is unreachable: a
 * frame is never dropped or dead-lettered because Milvus restarted. Past its budget it throws
 * {@link IndexUnavailableException}; the stream thread is then replaced and the frame retried from
 * the last commit (exactly once), so a long outage is a series of bounded waits, not a lost frame.
 */
final class IndexWait {
    private static final Logger LOG = LoggerFactory.getLogger(IndexWait.class);
    private static final long FIRST_PAUSE_MS = 100;
    private static final long LONGEST_PAUSE_MS = 2_000;

    private final Duration budget;
    private final FrameOutcomes outcomes;

    IndexWait(Duration budget, FrameOutcomes outcomes) {
        this.budget = budget;
        this.outcomes = outcomes;
    }

    <T> T call(String what, Supplier<T> work) {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            try {
                T result = work.get();
                outcomes.indexAvailable();
                return result;
            } catch (IndexException e) {
                outcomes.indexUnavailable(e.getMessage());
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IndexUnavailableException(what + ": the index is still unavailable after "
                            + budget.toMillis() + " ms (" + e.getMessage() + "); the frame will be retried", e);
                }
                LOG.warn("{}: the index is unavailable ({}); retrying in {} ms", what, e.getMessage(), pause);
                sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexUnavailableException("interrupted while waiting for the index", e);
        }
    }
}
