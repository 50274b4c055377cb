package io.faceflow.ingest.bench;

import java.util.Locale;

/**
 * What the benchmark measured. End-to-end figures are NaN when no broker was given.
 *
 * @param inWidth, inHeight        source size
 * @param outWidth, outHeight      encoded size
 * @param frames                   frames in the single-core run
 * @param decodeFps                decode only, one thread
 * @param pipelineFps              decode + resize + JPEG, one thread
 * @param meanJpegBytes            mean encoded frame size
 * @param e2eSent                  frames acknowledged in the end-to-end run
 * @param e2eDropped               frames dropped in the end-to-end run
 * @param ackP50Ms, ackP99Ms       grab -> broker ack delay
 */
public record BenchResult(int inWidth, int inHeight, int outWidth, int outHeight, int frames, double decodeFps,
                          double pipelineFps, double meanJpegBytes, long e2eSent, long e2eDropped,
                          double ackP50Ms, double ackP99Ms) {
    public String summary() {
        String local = String.format(Locale.ROOT,
                "ingest bench: %dx%d -> %dx%d JPEG, %d frames on one thread: decode only %.1f frames/s, "
                        + "decode+resize+JPEG %.1f frames/s (%.0f KB/frame); ",
                inWidth, inHeight, outWidth, outHeight, frames, decodeFps, pipelineFps, meanJpegBytes / 1024);
        if (Double.isNaN(ackP50Ms) && e2eSent == 0 && e2eDropped == 0) {
            return local + "grab -> broker ack: skipped (no --bootstrap given; pass a broker to measure it)";
        }
        return local + String.format(Locale.ROOT, "grab -> broker ack: sent %d, dropped %d, p50 %.1f ms, p99 %.1f ms",
                e2eSent, e2eDropped, ackP50Ms, ackP99Ms);
    }
}
