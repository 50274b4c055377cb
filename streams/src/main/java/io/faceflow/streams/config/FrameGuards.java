package io.faceflow.streams.config;

import java.time.Duration;

/**
 * What protects the stream from hostile or runaway input and from an index that went away.
 *
 * @param maxFrameBytes a frame value larger than this goes to the dead letters (the frames topic
 *     accepts a little more, so such a frame reaches the stream and is reported instead of being
 *     refused to its producer alone)
 * @param maxCameraFps a camera's frames beyond this many per second of capture time go to the dead
 *     letters; 0 turns the check off. A camera feeding thousands of frames a second is broken or
 *     hostile, and would otherwise starve every other camera on its partition
 * @param indexWait how long one frame retries a search or sighting write while the index is down
 *     before its stream thread gives up and is replaced, to retry the frame from its last commit;
 *     below Kafka's transaction timeout, so no transaction is aborted while it waits
 */
public record FrameGuards(int maxFrameBytes, int maxCameraFps, Duration indexWait) {
    public static final FrameGuards DEFAULT = new FrameGuards(8 * 1024 * 1024, 100, Duration.ofSeconds(5));

    public FrameGuards {
        if (maxFrameBytes < 64 * 1024) {
            throw new IllegalArgumentException("max frame size must be >= 64 KiB, got " + maxFrameBytes);
        }
        if (maxCameraFps < 0) {
            throw new IllegalArgumentException("max.camera.fps must be >= 0 (0 = no limit), got " + maxCameraFps);
        }
        if (indexWait.isNegative()) {
            throw new IllegalArgumentException("index.wait.ms must be >= 0, got " + indexWait.toMillis());
        }
    }
}
