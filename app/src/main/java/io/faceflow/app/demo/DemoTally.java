package io.faceflow.app.demo;

import io.faceflow.ingest.Ingest;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The running summary: frames sent by ingest, and frames, faces, alerts and dead letters counted by
 * the stream processor's own meters (the figures its /metrics endpoint serves).
 */
public record DemoTally(long framesSent, long framesDropped, long framesProcessed, long framesSkippedStale, long faces,
        long alerts, long deadLetters) {

    static DemoTally read(Ingest ingest, MeterRegistry streams) {
        long sent = 0;
        long dropped = 0;
        for (CameraMetrics m : ingest.allMetrics().values()) {
            sent += m.sentCount();
            dropped += m.droppedCount();
        }
        return new DemoTally(sent, dropped, count(streams, "faceflow.stream.frames"),
                count(streams, "faceflow.stream.frames.stale"), count(streams, "faceflow.stream.faces"),
                count(streams, "faceflow.stream.alerts"), count(streams, "faceflow.stream.dead.letters"));
    }

    private static long count(MeterRegistry registry, String name) {
        return Math.round(registry.find(name).counters().stream().mapToDouble(Counter::count).sum());
    }

    /** The counts since {@code earlier}, a tally of the same run. */
    public DemoTally since(DemoTally earlier) {
        return new DemoTally(framesSent - earlier.framesSent, framesDropped - earlier.framesDropped,
                framesProcessed - earlier.framesProcessed, framesSkippedStale - earlier.framesSkippedStale,
                faces - earlier.faces, alerts - earlier.alerts, deadLetters - earlier.deadLetters);
    }

    /** Every frame sent has come out of the processor one way or another. */
    public boolean caughtUp() {
        return framesProcessed + framesSkippedStale + deadLetters >= framesSent;
    }

    public String line() {
        return String.format(Locale.ROOT, "frames sent %d (dropped %d), processed %d, skipped as stale %d; faces %d;"
                        + " alerts %d; dead letters %d",
                framesSent, framesDropped, framesProcessed, framesSkippedStale, faces, alerts, deadLetters);
    }
}
