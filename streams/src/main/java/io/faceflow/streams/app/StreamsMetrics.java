package io.faceflow.streams.app;

import io.faceflow.streams.topology.FrameOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stream's own meters (Kafka's client metrics, lag included, are bound beside them). Frames
 * and faces are also counted per camera, with the capture time of each camera's latest frame, for
 * the console's status line; one series per camera, so cardinality is the number of cameras.
 */
public final class StreamsMetrics implements FrameOutcomes {
    private final MeterRegistry registry;
    private final Counter frames;
    private final Counter faces;
    private final Counter embedded;
    private final Counter alerts;
    private final Counter suppressed;
    private final Counter stale;
    private final Timer identify;
    private final DistributionSummary facesPerFrame;
    private final DistributionSummary batchSizes;
    private final DistributionSummary searchBatchSizes;
    private final Map<String, CameraMeters> cameras = new ConcurrentHashMap<>();
    /** Null while the index answers; the last failure while it does not. */
    private final AtomicReference<String> indexProblem = new AtomicReference<>();

    /** One camera's meters, registered on its first frame. */
    private record CameraMeters(Counter frames, Counter faces, AtomicLong lastCaptureMs) {}

    public StreamsMetrics(MeterRegistry registry) {
        this.registry = registry;
        frames = Counter.builder("faceflow.stream.frames").description("frames processed").register(registry);
        faces = Counter.builder("faceflow.stream.faces").description("faces found").register(registry);
        embedded = Counter.builder("faceflow.stream.embeddings").description("faces embedded (with tracks, only"
                + " those the tracker planned)").register(registry);
        alerts = Counter.builder("faceflow.stream.alerts").description("match alerts sent").register(registry);
        suppressed = Counter.builder("faceflow.stream.alerts.suppressed")
                .description("matches inside a (camera, identity) cooldown").register(registry);
        stale = Counter.builder("faceflow.stream.frames.stale").description("frames skipped as older than the"
                + " maximum age").register(registry);
        identify = Timer.builder("faceflow.stream.identify").description("decode excluded: detect, align, embed,"
                + " search and decide, per frame").publishPercentiles(0.5, 0.99).register(registry);
        facesPerFrame = DistributionSummary.builder("faceflow.stream.faces.per.frame").register(registry);
        batchSizes = DistributionSummary.builder("faceflow.stream.embed.batch").description("faces per forward pass")
                .register(registry);
        searchBatchSizes = DistributionSummary.builder("faceflow.stream.search.batch")
                .description("faces per gallery search request").register(registry);
        Gauge.builder("faceflow.stream.index.up", indexProblem, p -> p.get() == null ? 1 : 0)
                .description("1 while the gallery index answers, 0 while frames wait for it").register(registry);
    }

    @Override
    public void indexUnavailable(String reason) {
        indexProblem.set(reason == null ? "unavailable" : reason);
    }

    @Override
    public void indexAvailable() {
        indexProblem.set(null);
    }

    /** Whether the index answered the last call (a search, a sighting write or a probe). */
    public boolean indexUp() {
        return indexProblem.get() == null;
    }

    @Override
    public void embedded(int faceCount) {
        embedded.increment(faceCount);
    }

    @Override
    public void frame(String cameraId, long captureTimeMs, int faceCount, long identifyNanos) {
        frames.increment();
        faces.increment(faceCount);
        CameraMeters camera = cameras.computeIfAbsent(cameraId, this::cameraMeters);
        camera.frames().increment();
        camera.faces().increment(faceCount);
        camera.lastCaptureMs().accumulateAndGet(captureTimeMs, Math::max);
        facesPerFrame.record(faceCount);
        identify.record(Duration.ofNanos(identifyNanos));
    }

    @Override
    public void deadLetter(String reason) {
        Counter.builder("faceflow.stream.dead.letters").tag("reason", reason.replaceAll(":.*", ""))
                .description("frames sent to the DLQ").register(registry).increment();
    }

    @Override
    public void staleFrame() {
        stale.increment();
    }

    @Override
    public void alert() {
        alerts.increment();
    }

    @Override
    public void suppressedAlert() {
        suppressed.increment();
    }

    private CameraMeters cameraMeters(String cameraId) {
        AtomicLong last = new AtomicLong();
        Gauge.builder("faceflow.stream.camera.last.capture.ms", last, AtomicLong::get).tag("camera", cameraId)
                .description("capture time of the camera's latest frame processed, epoch ms").register(registry);
        return new CameraMeters(
                Counter.builder("faceflow.stream.camera.frames").tag("camera", cameraId)
                        .description("frames processed, per camera").register(registry),
                Counter.builder("faceflow.stream.camera.faces").tag("camera", cameraId)
                        .description("faces found, per camera").register(registry), last);
    }

    public void batch(int size) {
        batchSizes.record(size);
    }

    public void searchBatch(int size) {
        searchBatchSizes.record(size);
    }
}
