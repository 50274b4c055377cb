package io.faceflow.app.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one demo run does.
 *
 * @param runDir      broker data, the embedded index, the stream's state and logs; kept for the next run
 * @param gallery     one folder per person, named by the person's id
 * @param cameraId    the camera's id on frames and alerts
 * @param cameraUrl   a video file, a camera URL or a folder of photos (played as a looping camera)
 * @param fps         frames per second taken from the camera
 * @param port        the broker's client port (the controller takes port + 1)
 * @param consolePort the web console's port on 127.0.0.1; 0 picks a free one, -1 starts no console
 * @param duration    stop after this long; null = run until Ctrl-C
 * @param cooldown    one alert per camera and person per this window
 * @param report      the HTML report's path
 * @param tracks      the stream's tracked mode: one decision and one alert per face track
 * @param warmUp      with a duration: how long the camera runs before the measured duration starts (a
 *                    benchmark's steady state, past the processor's group join and first passes); zero for none
 * @param commitInterval the processor's commit interval (Kafka Streams' commit.interval.ms); null for its default
 */
public record DemoSettings(Path runDir, Path gallery, String cameraId, String cameraUrl, double fps, int port,
        int consolePort, Duration duration, Duration cooldown, Path report, boolean tracks,
        Duration warmUp, Duration commitInterval) {
    public DemoSettings {
        if (consolePort < -1 || consolePort > 65535) {
            throw new IllegalArgumentException("--console-port must be a port, 0 (any free one) or -1 (no console), got "
                    + consolePort);
        }
        if (fps <= 0 || fps > 60) {
            throw new IllegalArgumentException("--fps must be in (0, 60], got " + fps);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (commitInterval != null && (commitInterval.isNegative() || commitInterval.isZero())) {
            throw new IllegalArgumentException("the commit interval must be positive, got " + commitInterval);
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("the warm-up must be >= 0, got " + warmUp);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("--cooldown must be >= 0, got " + cooldown);
        }
    }

    /** The same run with another camera, at {@code newFps}. */
    public DemoSettings withCamera(String newCameraId, String newCameraUrl, double newFps) {
        return new DemoSettings(runDir, gallery, newCameraId, newCameraUrl, newFps, port, consolePort, duration,
                cooldown, report, tracks, warmUp, commitInterval);
    }

    /** The same run, stopping by itself after {@code newDuration}. */
    public DemoSettings withDuration(Duration newDuration) {
        return new DemoSettings(runDir, gallery, cameraId, cameraUrl, fps, port, consolePort, newDuration, cooldown,
                report, tracks, warmUp, commitInterval);
    }

    /** The same run, measured only after the camera has run for {@code newWarmUp}. */
    public DemoSettings withWarmUp(Duration newWarmUp) {
        return new DemoSettings(runDir, gallery, cameraId, cameraUrl, fps, port, consolePort, duration, cooldown,
                report, tracks, newWarmUp, commitInterval);
    }

    /** The same run with the processor committing every {@code newInterval}. */
    public DemoSettings withCommitInterval(Duration newInterval) {
        return new DemoSettings(runDir, gallery, cameraId, cameraUrl, fps, port, consolePort, duration, cooldown,
                report, tracks, warmUp, newInterval);
    }

    Path brokerDir() {
        return runDir.resolve("broker");
    }

    Path indexDir() {
        return runDir.resolve("index");
    }

    /** The enrolled faces' crops, beside the embedded index. */
    Path cropsDir() {
        return indexDir().resolve("crops");
    }

    /** This run's alerts, one JSON document a line, exactly as on faceflow.matches. */
    public Path alertLog() {
        return runDir.resolve("alerts.jsonl");
    }

    Path logDir() {
        return runDir.resolve("logs");
    }
}
