package io.faceflow.ingest;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.encode.EncodedImage;
import io.faceflow.ingest.encode.JpegEncoder;
import io.faceflow.ingest.encode.ResizeCap;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.ingest.metrics.CameraState;
import io.faceflow.ingest.publish.FramePublisher;
import io.faceflow.ingest.publish.OutgoingFrame;
import io.faceflow.ingest.source.Backoff;
import io.faceflow.ingest.source.FfmpegErrors;
import io.faceflow.ingest.source.FrameSampler;
import io.faceflow.ingest.source.FrameSource;
import io.faceflow.ingest.source.SourceException;
import io.faceflow.ingest.source.SourceKind;
import io.faceflow.ingest.source.SourceOpener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one camera on its own thread: open, grab, sample, encode, hand to the publisher;
 * on failure or stall close and reopen after an exponential backoff with jitter. A failing
 * camera never touches another camera's thread.
 */
final class CameraLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraLoop.class);

    private final CameraConfig camera;
    private final SourceKind kind;
    private final FramePublisher publisher;
    private final CameraMetrics metrics;
    private final Duration stallTimeout;
    private final Backoff backoff;
    private final FrameSampler sampler;
    private volatile boolean running = true;
    private long sequence;
    /** Media time carried across loops of a file, so sampling and pacing continue smoothly. */
    private long mediaOffsetMicros;
    private long lastMediaMicros;
    /** One frame's duration at the source's rate: where the next loop of a file starts after the last frame. */
    private long frameMicros = 1;
    /** Set when a file or folder ended and is played again: reopening it then is routine, not news. */
    private boolean looping;
    private long paceStartNanos = -1;

    CameraLoop(CameraConfig camera, FramePublisher publisher, CameraMetrics metrics, Duration stallTimeout,
               long backoffInitialMs, long backoffMaxMs) {
        this.camera = camera;
        this.kind = SourceKind.of(camera.url());
        this.publisher = publisher;
        this.metrics = metrics;
        this.stallTimeout = stallTimeout;
        this.backoff = new Backoff(backoffInitialMs, backoffMaxMs);
        this.sampler = new FrameSampler(camera.fps());
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (JpegEncoder encoder = new JpegEncoder(new ResizeCap(camera.maxWidth(), camera.maxHeight()), camera.jpegQuality())) {
            boolean first = true;
            while (running) {
                if (!first) {
                    metrics.reconnecting();
                }
                first = false;
                boolean ended;
                try {
                    ended = stream(encoder);
                } catch (SourceException e) {
                    fail(e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    fail("camera " + camera.id() + " (" + camera.url() + "): " + e);
                    continue;
                }
                if (ended && !(camera.loop() && kind.replayable())) {
                    metrics.state(CameraState.ENDED);
                    LOG.info("camera {}: end of {} after {} frames", camera.id(), camera.url(), sequence);
                    return;
                }
                if (ended) {
                    mediaOffsetMicros = lastMediaMicros + frameMicros; // loop: media time runs on by one frame
                    looping = true;
                    first = true;
                }
            }
        } finally {
            if (metrics.state() != CameraState.ENDED) {
                metrics.state(CameraState.STOPPED);
            }
        }
    }

    private void fail(String message) {
        String previous = metrics.lastError();
        metrics.sourceError(message);
        if (!running) {
            return;
        }
        metrics.state(CameraState.BACKOFF);
        long delay = backoff.nextDelayMs();
        // The same failure again is not news: say it once loudly, then quietly (the summary repeats it).
        if (message.equals(previous)) {
            LOG.debug("{}; retrying in {} ms", message, delay);
        } else {
            LOG.warn("{}; retrying in {} ms with backoff (other cameras are not affected)", message, delay);
        }
        sleep(delay);
    }

    /** Streams until the source ends (true) or ingest stops (false); throws when the source fails. */
    private boolean stream(JpegEncoder encoder) throws SourceException {
        try (FrameSource source = SourceOpener.open(camera, stallTimeout)) {
            LOG.atLevel(looping ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.INFO)
                    .log("camera {}: opened {} ({}x{} at {} fps, sending {} fps)", camera.id(), camera.url(),
                            source.width(), source.height(), String.format("%.1f", source.frameRate()),
                            camera.fps() == 0 ? "all" : camera.fps());
            frameMicros = source.frameRate() > 0 ? Math.round(1e6 / source.frameRate()) : 1;
            long lastFrameNanos = System.nanoTime();
            long wallStartNanos = System.nanoTime();
            boolean live = kind.live();
            while (running) {
                Frame frame;
                try {
                    frame = source.grabImage();
                } catch (Exception e) {
                    throw new SourceException(camera, "read failed: " + FfmpegErrors.explain(e.getMessage()), e);
                }
                long now = System.nanoTime();
                if (frame == null) {
                    if (!live) {
                        return true;
                    }
                    if (now - lastFrameNanos >= stallTimeout.toNanos() * 9 / 10) {
                        // The read timeout fired: the connection is open but nothing arrives.
                        throw new SourceException(camera, "stalled: no frame for " + stallTimeout.toMillis() / 1000.0
                                + " s; the camera or the network may be down");
                    }
                    throw new SourceException(camera, "stream ended (the camera closed the connection)");
                }
                if (frame.image == null) {
                    if (now - lastFrameNanos > stallTimeout.toNanos()) {
                        throw new SourceException(camera, "stalled: no image for " + stallTimeout.toSeconds() + " s");
                    }
                    continue;
                }
                lastFrameNanos = now;
                if (metrics.state() != CameraState.STREAMING) {
                    metrics.state(CameraState.STREAMING);
                    backoff.reset();
                }
                // Sample on the stream's own timestamps: a file or a VOD playlist read faster than
                // real time still yields fps frames per second of video. Streams without timestamps
                // fall back to the wall clock.
                long pts = source.timestampMicros();
                long mediaMicros = pts > 0 || !live ? mediaOffsetMicros + Math.max(0, pts) : (now - wallStartNanos) / 1000;
                if (!live) {
                    lastMediaMicros = mediaMicros;
                    if (camera.realtime()) {
                        pace(mediaMicros);
                    }
                }
                if (!sampler.keep(mediaMicros)) {
                    continue;
                }
                long grabNanos = System.nanoTime();
                long captureMs = System.currentTimeMillis();
                metrics.frameGrabbed();
                EncodedImage image = source.encode(frame, encoder);
                OutgoingFrame out = new OutgoingFrame(new FrameHeaders.Frame(camera.id(), captureMs,
                        sequence++, image.width(), image.height(), image.contentType()), image.bytes(), grabNanos);
                if (live || camera.realtime()) {
                    publisher.publish(camera.id(), out); // live: never wait, the newest frame wins
                } else {
                    waitingPublish(out); // file as fast as possible: Kafka sets the pace
                }
            }
            return false;
        }
    }

    private void waitingPublish(OutgoingFrame out) {
        try {
            publisher.publishWaiting(camera.id(), out, stallTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Plays a file at its own rate: waits until the frame's media time has come on the wall clock. */
    private void pace(long mediaMicros) {
        long now = System.nanoTime();
        if (paceStartNanos < 0) {
            paceStartNanos = now - mediaMicros * 1000;
            return;
        }
        long waitNanos = paceStartNanos + mediaMicros * 1000 - now;
        if (waitNanos > 1_000_000_000L) {
            paceStartNanos = now - mediaMicros * 1000; // timestamp jump: re-anchor, don't sleep for minutes
        } else if (waitNanos > 0) {
            sleep(TimeUnit.NANOSECONDS.toMillis(waitNanos));
        }
    }

    private void sleep(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        // Short steps so that stop() takes effect quickly even during a long backoff.
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
