package io.faceflow.streams.app;

import io.faceflow.index.IndexException;
import io.faceflow.recognition.LiveModel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the live gallery a cheap question at a fixed pace, so readiness follows the index even
 * when no frame is flowing: not ready within one period of Milvus going away, ready again within
 * one period of its return. Frames report what they see too (see the topology's index wait).
 */
final class IndexProbe implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("faceflow-index-probe").unstarted(r));

    IndexProbe(LiveModel live, StreamsMetrics metrics, Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try (LiveModel.Lease lease = live.acquire()) {
                lease.generation().gallery().templateCount();
                metrics.indexAvailable();
            } catch (IndexException e) {
                metrics.indexUnavailable(e.getMessage());
            } catch (RuntimeException e) {
                // closing, or a generation being replaced: the next round asks again
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
