package io.faceflow.ingest.metrics;

import java.util.Collection;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one line per camera with its figures since the previous summary (run it on a schedule). */
public final class SummaryLogger implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryLogger.class);

    private final Collection<CameraMetrics> cameras;
    private final java.util.Map<String, long[]> previous = new java.util.HashMap<>();

    public SummaryLogger(Collection<CameraMetrics> cameras) {
        this.cameras = cameras;
    }

    @Override
    public void run() {
        for (CameraMetrics m : cameras) {
            long[] now = {m.grabbedCount(), m.sentCount(), m.droppedCount(), m.reconnectCount()};
            long[] before = previous.getOrDefault(m.cameraId(), new long[4]);
            previous.put(m.cameraId(), now);
            double ageSeconds = m.lastFrameAge().toMillis() / 1000.0;
            LOG.info(String.format(Locale.ROOT,
                    "camera %s: %s, grabbed +%d, sent +%d, dropped +%d, reconnects +%d, last frame %s, %s%s",
                    m.cameraId(), m.state(), now[0] - before[0], now[1] - before[1], now[2] - before[2],
                    now[3] - before[3], ageSeconds < 0 ? "never" : String.format(Locale.ROOT, "%.1f s ago", ageSeconds),
                    m.sentCount() == 0 ? "nothing acked yet" : String.format(Locale.ROOT, "ack p50 %.0f ms p99 %.0f ms",
                            percentile(m, 0.5), percentile(m, 0.99)),
                    m.lastError() == null ? "" : ", last error: " + m.lastError()));
        }
    }

    private static double percentile(CameraMetrics m, double p) {
        for (var value : m.ackDelay().takeSnapshot().percentileValues()) {
            if (value.percentile() == p) {
                return value.value(java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
