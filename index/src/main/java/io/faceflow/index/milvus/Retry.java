package io.faceflow.index.milvus;

import io.faceflow.index.IndexException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Runs a Milvus call again after transient failures, waiting longer each time (with jitter). */
final class Retry {
    private final int maxAttempts;
    private final Duration initial;
    private final Duration max;

    Retry(int maxAttempts, Duration initial, Duration max) {
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.max = max;
    }

    <T> T call(Supplier<T> work) {
        long wait = initial.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !isTransient(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(wait + ThreadLocalRandom.current().nextLong(wait / 2 + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IndexException("interrupted while waiting to retry a Milvus call", e);
                }
                wait = Math.min(wait * 2, max.toMillis());
            }
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Server busy, restarting, or unreachable for a moment: worth another try. Bad input or auth are not. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("unavailable") || m.contains("deadline_exceeded") || m.contains("deadline exceeded")
                    || m.contains("rate limit") || m.contains("ratelimit") || m.contains("too many requests")
                    || m.contains("connection refused") || m.contains("not ready") || m.contains("resource_exhausted")) {
                return !MilvusErrors.isAuthFailure(e);
            }
        }
        return false;
    }
}
