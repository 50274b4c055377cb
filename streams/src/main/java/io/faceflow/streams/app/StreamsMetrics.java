package io.faceflow.streams.app;

import io.faceflow.streams.topology.FrameOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The stream's own meters (Kafka's client metrics, lag included, are bound beside them). */
public final class StreamsMetrics implements FrameOutcomes {
    private final MeterRegistry registry;
    private final Counter frames;
    private final Counter faces;
    private final Counter alerts;
    private final Counter suppressed;
    private final Counter stale;
    private final Timer identify;
    private final DistributionSummary facesPerFrame;
    private final DistributionSummary batchSizes;
    private final DistributionSummary searchBatchSizes;

    public StreamsMetrics(MeterRegistry registry) {
        this.registry = registry;
        frames = Counter.builder("faceflow.stream.frames").description("frames processed").register(registry);
        faces = Counter.builder("faceflow.stream.faces").description("faces found").register(registry);
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
    }

    @Override
    public void frame(int faceCount, long identifyNanos) {
        frames.increment();
        faces.increment(faceCount);
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

    public void batch(int size) {
        batchSizes.record(size);
    }

    public void searchBatch(int size) {
        searchBatchSizes.record(size);
    }
}
