package io.faceflow.ingest.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.faceflow.contract.topic.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole ingest process: where to send, how to behave under trouble, and the cameras.
 *
 * @param bootstrap          Kafka bootstrap servers (the command line may override it)
 * @param topic              target topic, {@value Topics#FRAMES} by default
 * @param metricsPort        Prometheus endpoint port; 0 picks a free port, -1 disables it
 * @param queueFrames        frames buffered per camera before the oldest is dropped
 * @param inFlightFrames     unacknowledged frames per camera in the producer
 * @param stallSeconds       no frame for this long means the source is dead and is reopened
 * @param backoffInitialMs   first reconnect delay; doubles up to backoffMaxMs, with jitter
 * @param backoffMaxMs       longest reconnect delay
 * @param shutdownSeconds    bound on a clean shutdown (stop grabbing, flush, close)
 * @param summarySeconds     how often per-camera figures are logged
 * @param maxMessageBytes    producer max.request.size; larger frames are refused with an error
 * @param producer           extra producer properties, applied last
 * @param cameras            the cameras
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record IngestConfig(
        @JsonProperty("bootstrap") String bootstrap,
        @JsonProperty("topic") String topic,
        @JsonProperty("metricsPort") Integer metricsPort,
        @JsonProperty("queueFrames") Integer queueFrames,
        @JsonProperty("inFlightFrames") Integer inFlightFrames,
        @JsonProperty("stallSeconds") Double stallSeconds,
        @JsonProperty("backoffInitialMs") Long backoffInitialMs,
        @JsonProperty("backoffMaxMs") Long backoffMaxMs,
        @JsonProperty("shutdownSeconds") Double shutdownSeconds,
        @JsonProperty("summarySeconds") Double summarySeconds,
        @JsonProperty("maxMessageBytes") Integer maxMessageBytes,
        @JsonProperty("producer") Map<String, String> producer,
        @JsonProperty("cameras") List<CameraConfig> cameras) {

    public IngestConfig {
        topic = topic == null || topic.isBlank() ? Topics.FRAMES : topic;
        metricsPort = metricsPort == null ? 9404 : metricsPort;
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort " + metricsPort + " must be -1 (off), 0 (any) or a port");
        }
        queueFrames = positive(queueFrames, 4, "queueFrames");
        inFlightFrames = positive(inFlightFrames, 4, "inFlightFrames");
        stallSeconds = positive(stallSeconds, 10.0, "stallSeconds");
        backoffInitialMs = positive(backoffInitialMs, 500L, "backoffInitialMs");
        backoffMaxMs = positive(backoffMaxMs, 30_000L, "backoffMaxMs");
        if (backoffMaxMs < backoffInitialMs) {
            throw new IllegalArgumentException("backoffMaxMs must be >= backoffInitialMs");
        }
        shutdownSeconds = positive(shutdownSeconds, 10.0, "shutdownSeconds");
        summarySeconds = positive(summarySeconds, 60.0, "summarySeconds");
        maxMessageBytes = positive(maxMessageBytes, 8 * 1024 * 1024, "maxMessageBytes");
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        Set<String> ids = new HashSet<>();
        for (CameraConfig camera : cameras) {
            if (!ids.add(camera.id())) {
                throw new IllegalArgumentException("camera id '" + camera.id() + "' appears twice; ids must be unique");
            }
        }
    }

    /** Defaults plus the given bootstrap and cameras. */
    public static IngestConfig of(String bootstrap, List<CameraConfig> cameras) {
        return new IngestConfig(bootstrap, null, null, null, null, null, null, null, null, null, null, null, cameras);
    }

    public List<CameraConfig> enabledCameras() {
        return cameras.stream().filter(CameraConfig::enabled).toList();
    }

    public Duration stallTimeout() {
        return Duration.ofMillis(Math.round(stallSeconds * 1000));
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(Math.round(shutdownSeconds * 1000));
    }

    public Duration summaryInterval() {
        return Duration.ofMillis(Math.round(summarySeconds * 1000));
    }

    public IngestConfig withBootstrap(String value) {
        return new IngestConfig(value, topic, metricsPort, queueFrames, inFlightFrames, stallSeconds, backoffInitialMs,
                backoffMaxMs, shutdownSeconds, summarySeconds, maxMessageBytes, producer, cameras);
    }

    public IngestConfig withMetricsPort(int value) {
        return new IngestConfig(bootstrap, topic, value, queueFrames, inFlightFrames, stallSeconds, backoffInitialMs,
                backoffMaxMs, shutdownSeconds, summarySeconds, maxMessageBytes, producer, cameras);
    }

    public IngestConfig withTopic(String value) {
        return new IngestConfig(bootstrap, value, metricsPort, queueFrames, inFlightFrames, stallSeconds, backoffInitialMs,
                backoffMaxMs, shutdownSeconds, summarySeconds, maxMessageBytes, producer, cameras);
    }

    /** Shorter timings for tests and demos where waiting 10 s for a stall is too long. */
    public IngestConfig withTimings(double stallSeconds, long backoffInitialMs, long backoffMaxMs, double summarySeconds) {
        return new IngestConfig(bootstrap, topic, metricsPort, queueFrames, inFlightFrames, stallSeconds, backoffInitialMs,
                backoffMaxMs, shutdownSeconds, summarySeconds, maxMessageBytes, producer, cameras);
    }

    public IngestConfig withProducer(Map<String, String> value) {
        return new IngestConfig(bootstrap, topic, metricsPort, queueFrames, inFlightFrames, stallSeconds, backoffInitialMs,
                backoffMaxMs, shutdownSeconds, summarySeconds, maxMessageBytes, value, cameras);
    }

    private static <T extends Number & Comparable<T>> T positive(T value, T fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.doubleValue() <= 0) {
            throw new IllegalArgumentException(name + " " + value + " must be > 0");
        }
        return value;
    }
}
