package io.faceflow.ingest;

import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.ingest.metrics.CameraState;
import io.faceflow.ingest.metrics.SummaryLogger;
import io.faceflow.ingest.publish.FramePublisher;
import io.faceflow.ops.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest process: every enabled camera on its own thread, one shared producer, the
 * metrics endpoint and the periodic summary. {@link #close()} stops grabbing, flushes and
 * closes, bounded by the configured shutdown time.
 */
public final class Ingest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    private final IngestConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, CameraMetrics> metrics = new LinkedHashMap<>();
    private final List<CameraLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final FramePublisher publisher;
    private final MetricsServer metricsServer;
    private final ScheduledExecutorService summary;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Ingest(IngestConfig config) {
        this.config = config;
        List<CameraConfig> cameras = config.enabledCameras();
        for (CameraConfig camera : cameras) {
            metrics.put(camera.id(), new CameraMetrics(registry, camera.id()));
        }
        publisher = new FramePublisher(config, Collections.unmodifiableMap(metrics));
        MetricsServer server = null;
        try {
            server = config.metricsPort() >= 0 ? new MetricsServer(registry, config.metricsPort()) : null;
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
        metricsServer = server;
        for (CameraConfig camera : cameras) {
            CameraLoop loop = new CameraLoop(camera, publisher, metrics.get(camera.id()), config.stallTimeout(),
                    config.backoffInitialMs(), config.backoffMaxMs());
            Thread thread = new Thread(loop, "ingest-camera-" + camera.id());
            thread.setDaemon(true);
            loops.add(loop);
            threads.add(thread);
        }
        summary = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-summary");
            t.setDaemon(true);
            return t;
        });
        long every = config.summaryInterval().toMillis();
        summary.scheduleAtFixedRate(new SummaryLogger(metrics.values()), every, every, TimeUnit.MILLISECONDS);
        threads.forEach(Thread::start);
        LOG.info("ingest started: {} camera(s) -> {} on {}{}", cameras.size(), config.topic(), config.bootstrap(),
                metricsServer == null ? "" : ", metrics on http://0.0.0.0:" + metricsServer.port() + "/metrics");
    }

    /**
     * Starts ingest.
     *
     * @throws IllegalArgumentException when there is no bootstrap or no enabled camera
     */
    public static Ingest start(IngestConfig config) {
        if (config.bootstrap() == null || config.bootstrap().isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers: pass --bootstrap HOST:PORT or set 'bootstrap' in the config");
        }
        if (config.enabledCameras().isEmpty()) {
            throw new IllegalArgumentException("no enabled camera in the config: add one under 'cameras'");
        }
        return new Ingest(config);
    }

    /**
     * Runs until SIGTERM/SIGINT (or until every camera has ended), then shuts down cleanly.
     *
     * @return frames delivered to Kafka over the whole run
     */
    public static long runUntilStopped(IngestConfig config) throws InterruptedException {
        Ingest ingest = start(config);
        Thread hook = new Thread(ingest::close, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ingest.awaitAllEnded(null);
        ingest.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to remove
        }
        return ingest.metrics.values().stream().mapToLong(CameraMetrics::sentCount).sum();
    }

    public CameraMetrics metrics(String cameraId) {
        CameraMetrics m = metrics.get(cameraId);
        if (m == null) {
            throw new IllegalArgumentException("no enabled camera '" + cameraId + "'");
        }
        return m;
    }

    public Map<String, CameraMetrics> allMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The metrics endpoint's port, or -1 when it is off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /**
     * Waits until every camera's source has ended (files without loop) or ingest was closed.
     *
     * @param timeout null waits without limit
     * @return true when all ended or ingest closed
     */
    public boolean awaitAllEnded(Duration timeout) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allDone = metrics.values().stream()
                    .allMatch(m -> m.state() == CameraState.ENDED || m.state() == CameraState.STOPPED);
            if (allDone || stopped.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Stops grabbing, flushes what is in flight and closes; returns within the configured shutdown time. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        LOG.info("ingest stopping: grabbing stops, in-flight frames are flushed (at most {} s)",
                config.shutdownTimeout().toSeconds());
        loops.forEach(CameraLoop::stop);
        for (Thread thread : threads) {
            try {
                // A source stuck in a network read returns at its read timeout; don't wait past a third of the budget.
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) / 3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
        summary.shutdownNow();
        new SummaryLogger(metrics.values()).run();
        if (metricsServer != null) {
            metricsServer.close();
        }
        registry.close();
        stopped.countDown();
        LOG.info("ingest stopped");
    }
}
