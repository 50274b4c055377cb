package io.faceflow.ingest.source;

/**
 * Keeps frames at a target rate by their timestamps. The decoder still reads every frame (video
 * frames depend on each other); only kept frames are converted, encoded and sent, so sampling
 * never slows the decoder down.
 */
public final class FrameSampler {
    private final long intervalMicros;
    private long nextDueMicros = Long.MIN_VALUE;

    /** @param fps target rate; 0 keeps every frame */
    public FrameSampler(double fps) {
        this.intervalMicros = fps <= 0 ? 0 : Math.round(1_000_000 / fps);
    }

    /** True when the frame at this timestamp should be kept. Timestamps going backwards restart the schedule. */
    public boolean keep(long timestampMicros) {
        if (intervalMicros == 0) {
            return true;
        }
        if (nextDueMicros == Long.MIN_VALUE || timestampMicros < nextDueMicros - 10 * intervalMicros) {
            nextDueMicros = timestampMicros + intervalMicros;
            return true;
        }
        if (timestampMicros < nextDueMicros) {
            return false;
        }
        nextDueMicros += intervalMicros;
        if (nextDueMicros <= timestampMicros) {
            nextDueMicros = timestampMicros + intervalMicros; // after a gap, don't burst to catch up
        }
        return true;
    }
}
