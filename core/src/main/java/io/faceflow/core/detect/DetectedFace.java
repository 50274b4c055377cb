package io.faceflow.core.detect;

import java.util.List;

/**
 * One face found by the detector.
 *
 * @param landmarks five points in the detector's order: right eye, left eye, nose tip, right and
 *     left mouth corners (right/left of the person, i.e. image left/right for a frontal face)
 */
public record DetectedFace(Box box, List<Point> landmarks, double score) {
    public DetectedFace {
        if (landmarks.size() != 5) {
            throw new IllegalArgumentException("a face has 5 landmarks, got " + landmarks.size());
        }
        landmarks = List.copyOf(landmarks);
    }

    /** The smaller side of the box: what minimum-size and quality checks compare against. */
    public double size() {
        return Math.min(box.width(), box.height());
    }
}
