package io.faceflow.streams.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per camera over capture time: each camera may send {@code fps} frames per second,
 * with bursts of up to one second's worth. Capture time, not arrival time, so a backlog read after
 * a pause is judged by how fast the camera filmed it, not by how fast Kafka delivers it.
 * Confined to one stream task (one thread), like the processor that owns it.
 */
final class CameraRates {
    private final int fps;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long lastMs;

        Bucket(double tokens, long lastMs) {
            this.tokens = tokens;
            this.lastMs = lastMs;
        }
    }

    /** @param fps frames per second each camera may send; 0 admits everything */
    CameraRates(int fps) {
        this.fps = fps;
    }

    /** Takes a token for a frame of {@code cameraId} captured at {@code captureMs}; false when none is left. */
    boolean admit(String cameraId, long captureMs) {
        if (fps == 0) {
            return true;
        }
        Bucket b = buckets.computeIfAbsent(cameraId, id -> new Bucket(fps, captureMs));
        // A clock that steps back (a camera restarted, a replay) refills nothing rather than draining the bucket.
        long elapsed = Math.max(0, captureMs - b.lastMs);
        b.tokens = Math.min(fps, b.tokens + elapsed * fps / 1000.0);
        b.lastMs = Math.max(b.lastMs, captureMs);
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }
}
