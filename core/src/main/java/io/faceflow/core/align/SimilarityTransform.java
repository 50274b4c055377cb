package io.faceflow.core.align;

import io.faceflow.core.detect.Point;
import java.util.List;

/**
 * A 2-D similarity transform (rotation, uniform scale, translation):
 * {@code x' = a*x - b*y + tx, y' = b*x + a*y + ty}.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity mapping {@code from} onto {@code to} (Umeyama, 1991, without
     * reflection). In 2-D the rotation-and-scale part has the closed form
     * {@code (a, b) = sum(d * conj(s)) / sum(|s|^2)} over the centred points taken as complex
     * numbers, which is Umeyama's solution for this case.
     */
    public static SimilarityTransform estimate(List<Point> from, List<Point> to) {
        if (from.size() != to.size() || from.size() < 2) {
            throw new IllegalArgumentException("need two lists of the same length >= 2, got "
                    + from.size() + " and " + to.size());
        }
        int n = from.size();
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += from.get(i).x();
            sy += from.get(i).y();
            dx += to.get(i).x();
            dy += to.get(i).y();
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from.get(i).x() - sx, py = from.get(i).y() - sy;
            double qx = to.get(i).x() - dx, qy = to.get(i).y() - dy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("source points are all the same point");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
    }

    public Point apply(Point p) {
        return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    /** Row-major 2x3 matrix as OpenCV's warpAffine takes it. */
    public double[] toAffineRows() {
        return new double[] {a, -b, tx, b, a, ty};
    }
}
