package io.faceflow.ingest.publish;

import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.ingest.metrics.DropReason;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka producer shared by all cameras, with a bounded latest-frame queue and a sender
 * thread per camera so that a slow camera's backlog never holds up another camera.
 */
public final class FramePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FramePublisher.class);

    private final Producer<String, byte[]> producer;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final IngestConfig config;
    private final BrokerProbe probe;

    private record Lane(LatestFrameQueue<OutgoingFrame> queue, CameraSender sender, Thread thread, CameraMetrics metrics) {}

    public FramePublisher(IngestConfig config, Map<String, CameraMetrics> cameras) {
        this.config = config;
        Map<String, Object> settings = ProducerSettings.of(config, "faceflow-ingest");
        this.producer = new KafkaProducer<>(settings);
        this.probe = new BrokerProbe(settings, Duration.ofSeconds(5));
        for (Map.Entry<String, CameraMetrics> camera : cameras.entrySet()) {
            LatestFrameQueue<OutgoingFrame> queue = new LatestFrameQueue<>(config.queueFrames());
            CameraSender sender = new CameraSender(config.topic(), camera.getKey(), queue, producer, camera.getValue(),
                    config.inFlightFrames(), config.maxMessageBytes());
            Thread thread = new Thread(sender, "ingest-send-" + camera.getKey());
            thread.setDaemon(true);
            lanes.put(camera.getKey(), new Lane(queue, sender, thread, camera.getValue()));
        }
        lanes.values().forEach(lane -> lane.thread().start());
    }

    /** Hands a frame over; never blocks. When the camera's queue is full its oldest frame is dropped. */
    public void publish(String cameraId, OutgoingFrame frame) {
        lane(cameraId).metrics().dropped(DropReason.QUEUE_FULL, lane(cameraId).queue().offer(frame));
    }

    /**
     * Hands a frame over, waiting up to the timeout for room first: for sources that can wait
     * (a file read as fast as possible), so Kafka sets the pace and nothing is dropped.
     */
    public void publishWaiting(String cameraId, OutgoingFrame frame, Duration timeout) throws InterruptedException {
        Lane lane = lane(cameraId);
        lane.metrics().dropped(DropReason.QUEUE_FULL,
                lane.queue().offerWaiting(frame, timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    private Lane lane(String cameraId) {
        Lane lane = lanes.get(cameraId);
        if (lane == null) {
            throw new IllegalArgumentException("unknown camera " + cameraId);
        }
        return lane;
    }

    /**
     * Stops the senders, then flushes and closes the producer, all within the timeout. Frames
     * still queued are counted as dropped.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        lanes.values().forEach(lane -> lane.sender().stop());
        for (Lane lane : lanes.values()) {
            try {
                lane.thread().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lane.thread().interrupt();
            lane.metrics().dropped(DropReason.SHUTDOWN, lane.queue().clear());
        }
        // close(timeout) flushes what was sent and gives up at the deadline.
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        producer.close(left);
        probe.close();
        LOG.info("producer closed");
    }
}
