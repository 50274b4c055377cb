package io.faceflow.streams.tracking;

import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.Point;
import io.faceflow.core.quality.FaceQuality;
import java.util.List;

/**
 * How useful one face is for recognition, as one number in [0, 1]: the product of three terms,
 * each in [0, 1], so a face weak on any one of them scores low.
 *
 * <ul>
 *   <li>size: the face's shorter side over {@value #FULL_DETAIL_PX} px, capped at 1 (the aligned crop
 *       is 112 px: a larger face adds no detail);
 *   <li>sharpness: {@link FaceQuality#sharpness} over twice the blur limit
 *       {@link FaceQuality#DEFAULT_MIN_SHARPNESS}, capped at 1; 1 when not measured (NaN);
 *   <li>frontality: 1 for a face looking at the camera, falling to 0 as the head turns
 *       ({@link #frontality}).
 * </ul>
 */
public final class ShotQuality {
    static final double FULL_DETAIL_PX = 112;
    private static final double FULL_SHARPNESS = 2 * FaceQuality.DEFAULT_MIN_SHARPNESS;

    private ShotQuality() {}

    /** The quality of {@code face}, whose aligned crop measured {@code sharpness} (NaN if not measured). */
    public static double of(DetectedFace face, double sharpness) {
        return of(face.size(), sharpness, face.landmarks());
    }

    /** The quality of a face of {@code size} px with these five landmarks, as a face's measures report it. */
    public static double of(double size, double sharpness, List<Point> landmarks) {
        double sizeTerm = Math.min(1, size / FULL_DETAIL_PX);
        double sharp = Double.isNaN(sharpness) ? 1 : Math.clamp(sharpness / FULL_SHARPNESS, 0, 1);
        return sizeTerm * sharp * frontality(landmarks);
    }

    /**
     * Head turn (yaw) from the five landmarks: the nose tip sits midway between the eyes on a
     * frontal face and moves toward one eye as the head turns. 1 - 2 x (nose's offset from the
     * eyes' midpoint / eye distance), clamped to [0, 1]: 0 once the nose is over an eye. Roll does
     * not count: alignment removes it.
     */
    public static double frontality(List<Point> landmarks) {
        Point rightEye = landmarks.get(0);
        Point leftEye = landmarks.get(1);
        Point nose = landmarks.get(2);
        double ex = leftEye.x() - rightEye.x();
        double ey = leftEye.y() - rightEye.y();
        double eyeDistance = Math.hypot(ex, ey);
        if (eyeDistance < 1e-6) {
            return 0;
        }
        // Projected onto the eye line, so a tilted (rolled) head is not mistaken for a turned one.
        double along = ((nose.x() - rightEye.x()) * ex + (nose.y() - rightEye.y()) * ey) / eyeDistance;
        double offset = Math.abs(along / eyeDistance - 0.5);
        return Math.clamp(1 - 2 * offset, 0, 1);
    }
}
