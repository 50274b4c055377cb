package io.faceflow.streams.tracking;

import io.faceflow.core.detect.Box;

/**
 * A track's last measured box (centre and size) and its velocity, per millisecond of capture time,
 * so a frame after skipped frames is predicted as far ahead as the time that passed.
 *
 * <p>Constant velocity with an exponentially smoothed velocity rather than a Kalman filter: the
 * detector's face boxes are precise against a face's motion between frames, so a filter's gain
 * would settle near a constant anyway; this needs no covariance in the stored state and no noise
 * to tune.
 */
public record Motion(double cx, double cy, double w, double h, double vx, double vy, double vw, double vh, long atMs) {
    private static final double MIN_SIDE = 1;

    public static Motion at(Box box, long atMs) {
        return new Motion(box.x() + box.width() / 2, box.y() + box.height() / 2, box.width(), box.height(), 0, 0, 0, 0,
                atMs);
    }

    /** Where the face should be at {@code timeMs}. */
    public Box predict(long timeMs) {
        double dt = Math.max(0, timeMs - atMs);
        double pw = Math.max(MIN_SIDE, w + vw * dt);
        double ph = Math.max(MIN_SIDE, h + vh * dt);
        return new Box(cx + vx * dt - pw / 2, cy + vy * dt - ph / 2, pw, ph);
    }

    /** The motion after the face was measured at {@code box} at {@code timeMs}. */
    public Motion observe(Box box, long timeMs, double smoothing) {
        Motion measured = at(box, timeMs);
        double dt = timeMs - atMs;
        if (dt <= 0) {
            return new Motion(measured.cx, measured.cy, measured.w, measured.h, vx, vy, vw, vh, atMs);
        }
        return new Motion(measured.cx, measured.cy, measured.w, measured.h,
                blend(vx, (measured.cx - cx) / dt, smoothing), blend(vy, (measured.cy - cy) / dt, smoothing),
                blend(vw, (measured.w - w) / dt, smoothing), blend(vh, (measured.h - h) / dt, smoothing), timeMs);
    }

    private static double blend(double previous, double newest, double weight) {
        return weight * newest + (1 - weight) * previous;
    }
}
