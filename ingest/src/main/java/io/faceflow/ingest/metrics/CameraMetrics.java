package io.faceflow.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The figures of one camera, registered in Micrometer with tag {@code camera}. Also keeps the
 * camera's last error so that a failing camera can be seen without reading the whole log.
 */
public final class CameraMetrics {
    private final String cameraId;
    private final Counter grabbed;
    private final Counter sent;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final Counter reconnects;
    private final Counter sourceErrors;
    private final Timer ackDelay;
    private final AtomicLong lastFrameNanos = new AtomicLong(0);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<CameraState> state = new AtomicReference<>(CameraState.STARTING);

    public CameraMetrics(MeterRegistry registry, String cameraId) {
        this.cameraId = cameraId;
        this.grabbed = Counter.builder("faceflow.ingest.frames.grabbed").tag("camera", cameraId)
                .description("frames decoded and kept by the sampler").register(registry);
        this.sent = Counter.builder("faceflow.ingest.frames.sent").tag("camera", cameraId)
                .description("frames acknowledged by Kafka").register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("faceflow.ingest.frames.dropped").tag("camera", cameraId)
                    .tag("reason", reason.tag()).description("frames that never reached Kafka").register(registry));
        }
        this.reconnects = Counter.builder("faceflow.ingest.reconnects").tag("camera", cameraId)
                .description("times the source was reopened after a failure or stall").register(registry);
        this.sourceErrors = Counter.builder("faceflow.ingest.source.errors").tag("camera", cameraId)
                .description("failures to open or read the source").register(registry);
        this.ackDelay = Timer.builder("faceflow.ingest.ack.delay").tag("camera", cameraId)
                .description("grab to broker acknowledgement").publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("faceflow.ingest.last.frame.age", this, m -> m.lastFrameAge().toMillis() / 1000.0)
                .tag("camera", cameraId).baseUnit("seconds")
                .description("seconds since the last frame was grabbed (-1: none yet)").register(registry);
        Gauge.builder("faceflow.ingest.streaming", this, m -> m.state() == CameraState.STREAMING ? 1 : 0)
                .tag("camera", cameraId).description("1 while the source delivers frames").register(registry);
    }

    public String cameraId() {
        return cameraId;
    }

    public void frameGrabbed() {
        grabbed.increment();
        lastFrameNanos.set(System.nanoTime());
    }

    public void frameSent(long grabNanos) {
        sent.increment();
        ackDelay.record(System.nanoTime() - grabNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void dropped(DropReason reason, long count) {
        if (count > 0) {
            dropped.get(reason).increment(count);
        }
    }

    public void reconnecting() {
        reconnects.increment();
    }

    public void sourceError(String message) {
        sourceErrors.increment();
        lastError.set(message);
    }

    public void state(CameraState value) {
        state.set(value);
    }

    public CameraState state() {
        return state.get();
    }

    /** The newest open/read error of this camera, or null when it never failed. */
    public String lastError() {
        return lastError.get();
    }

    public long grabbedCount() {
        return (long) grabbed.count();
    }

    public long sentCount() {
        return (long) sent.count();
    }

    public long droppedCount() {
        return dropped.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public long droppedCount(DropReason reason) {
        return (long) dropped.get(reason).count();
    }

    public long reconnectCount() {
        return (long) reconnects.count();
    }

    public long sourceErrorCount() {
        return (long) sourceErrors.count();
    }

    public Timer ackDelay() {
        return ackDelay;
    }

    /** Time since the last grabbed frame; negative when none was grabbed yet. */
    public Duration lastFrameAge() {
        long last = lastFrameNanos.get();
        return last == 0 ? Duration.ofSeconds(-1) : Duration.ofNanos(System.nanoTime() - last);
    }
}
