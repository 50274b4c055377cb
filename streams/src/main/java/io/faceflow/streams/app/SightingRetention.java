package io.faceflow.streams.app;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.recognition.LiveModel;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sightings older than the retention period from the served model's sighting store, and
 * the unknown-person candidates last seen before then, once at start and then every {@code every}:
 * biometric records are kept no longer than needed.
 */
final class SightingRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SightingRetention.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("faceflow-sighting-retention").unstarted(r));

    SightingRetention(GalleryCatalog catalog, LiveModel live, Duration keep, Duration every, Clock clock) {
        timer.scheduleWithFixedDelay(() -> {
            try (LiveModel.Lease lease = live.acquire()) {
                var g = lease.generation();
                long before = clock.millis() - keep.toMillis();
                long deleted = catalog.sightings(g.version(), g.gallery().dimension()).deleteBefore(before);
                long candidates = catalog.candidates(g.version(), g.gallery().dimension()).deleteLastSeenBefore(before);
                if (deleted > 0 || candidates > 0) {
                    LOG.info("retention: deleted {} sighting(s) and {} unknown-person candidate(s) older than {} of"
                            + " model {}", deleted, candidates, keep, g.version());
                }
            } catch (RuntimeException e) {
                LOG.warn("retention: deleting old sightings failed ({}); trying again in {}", e.getMessage(), every);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
