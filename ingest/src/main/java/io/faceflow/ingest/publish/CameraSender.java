package io.faceflow.ingest.publish;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.ingest.metrics.DropReason;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one camera's frames from its queue into the shared producer, with at most a fixed number
 * unacknowledged. While Kafka lags, frames wait in the queue, where newer frames push out older
 * ones: memory per camera is bounded by queue + in-flight frames.
 */
final class CameraSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSender.class);
    /** Room for key, headers and record overhead on top of the image bytes. */
    private static final int RECORD_OVERHEAD = 1024;

    private final String topic;
    private final String cameraId;
    private final LatestFrameQueue<OutgoingFrame> queue;
    private final Producer<String, byte[]> producer;
    private final CameraMetrics metrics;
    private final Semaphore inFlight;
    private final int maxRequestBytes;
    private volatile boolean running = true;
    private volatile String lastSendError;

    CameraSender(String topic, String cameraId, LatestFrameQueue<OutgoingFrame> queue, Producer<String, byte[]> producer,
                 CameraMetrics metrics, int inFlightFrames, int maxRequestBytes) {
        this.topic = topic;
        this.cameraId = cameraId;
        this.queue = queue;
        this.producer = producer;
        this.metrics = metrics;
        this.inFlight = new Semaphore(inFlightFrames);
        this.maxRequestBytes = maxRequestBytes;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                // Take a permit first, then the newest-possible frame: waiting for Kafka happens
                // while the frame is still in the queue, where it can be replaced by a newer one.
                if (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                OutgoingFrame frame = queue.poll(200, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    inFlight.release();
                    continue;
                }
                send(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(OutgoingFrame frame) {
        int size = frame.image().length + RECORD_OVERHEAD;
        if (size > maxRequestBytes) {
            inFlight.release();
            metrics.dropped(DropReason.TOO_LARGE, 1);
            reportOnce("frame of " + frame.image().length + " bytes (" + frame.headers().width() + "x"
                    + frame.headers().height() + ") exceeds max.request.size " + maxRequestBytes
                    + "; lower jpegQuality or set maxWidth/maxHeight, or raise maxMessageBytes"
                    + " together with the topic's max.message.bytes");
            return;
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, frame.headers().captureTimeMs(),
                cameraId, frame.image());
        FrameHeaders.write(record.headers(), frame.headers());
        try {
            producer.send(record, (metadata, error) -> {
                inFlight.release();
                if (error == null) {
                    metrics.frameSent(frame.grabNanos());
                    lastSendError = null;
                } else {
                    metrics.dropped(DropReason.SEND_FAILED, 1);
                    reportOnce(describe(error));
                }
            });
        } catch (RuntimeException e) {
            // Metadata not available within max.block.ms (broker gone), or the producer is closing.
            inFlight.release();
            if (!running) {
                metrics.dropped(DropReason.SHUTDOWN, 1);
                return;
            }
            metrics.dropped(DropReason.SEND_FAILED, 1);
            reportOnce(describe(e));
        }
    }

    private String describe(Exception error) {
        if (error instanceof RecordTooLargeException) {
            return "broker refused a frame as too large: raise the topic's max.message.bytes (and maxMessageBytes),"
                    + " or lower jpegQuality / the resize cap (" + error.getMessage() + ")";
        }
        return "could not deliver to " + topic + ": " + error.getClass().getSimpleName() + ": " + error.getMessage()
                + " (frames are dropped and counted until Kafka is back)";
    }

    /** Logs a send problem when it first appears, not once per frame. */
    private void reportOnce(String message) {
        if (!message.equals(lastSendError)) {
            lastSendError = message;
            LOG.warn("camera {}: {}", cameraId, message);
        }
    }
}
