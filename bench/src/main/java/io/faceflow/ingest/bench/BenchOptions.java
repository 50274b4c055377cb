package io.faceflow.ingest.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to measure.
 *
 * @param video      a video file (ideally 1080p)
 * @param maxHeight  output resize cap (720 for 1080p -> 720p)
 * @param quality    JPEG quality
 * @param frames     frames for the single-core encode measurement
 * @param bootstrap  Kafka for the end-to-end measurement; null skips it
 * @param seconds    length of the end-to-end run
 * @param fps        frames per second sent in the end-to-end run (0 = every frame)
 * @param kafka      further producer properties for the end-to-end run (security settings)
 */
public record BenchOptions(Path video, int maxHeight, int quality, int frames, String bootstrap, double seconds, double fps,
        Map<String, String> kafka) {
    public BenchOptions {
        kafka = Map.copyOf(kafka);
        if (video == null) {
            throw new IllegalArgumentException("no video to benchmark with");
        }
        if (maxHeight < 0 || quality < 1 || quality > 100 || frames < 1 || seconds <= 0 || fps < 0) {
            throw new IllegalArgumentException("benchmark options out of range: " + this);
        }
    }
}
