package io.faceflow.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.detect.Box;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.Point;
import io.faceflow.core.image.BgrImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

    @Test
    void recoversAKnownSimilarityExactly() {
        SimilarityTransform truth = new SimilarityTransform(2.1 * Math.cos(0.4), 2.1 * Math.sin(0.4), 310.5, -42.25);
        List<Point> moved = FaceAligner.TEMPLATE.stream().map(truth::apply).toList();
        SimilarityTransform back = SimilarityTransform.estimate(moved, FaceAligner.TEMPLATE);
        for (int i = 0; i < 5; i++) {
            Point p = back.apply(moved.get(i));
            assertTrue(distance(p, FaceAligner.TEMPLATE.get(i)) < 1e-9);
        }
        assertEquals(1 / 2.1, back.scale(), 1e-12);
    }

    /**
     * Draws five landmark dots on the template, warps the picture by a known similarity, then
     * aligns it back from the moved landmarks (with detector-like noise): the dots must land on
     * the template within half a pixel.
     */
    @Test
    void warpedFaceIsMappedBackOntoTheTemplate() {
        int w = 400, h = 300;
        SimilarityTransform forward = new SimilarityTransform(1.6 * Math.cos(-0.3), 1.6 * Math.sin(-0.3), 150, 90);
        // Render the warped scene directly: a dot wherever the inverse maps onto a template point.
        SimilarityTransform inverse = SimilarityTransform.estimate(
                FaceAligner.TEMPLATE.stream().map(forward::apply).toList(), FaceAligner.TEMPLATE);
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Point t = inverse.apply(new Point(x, y));
                for (Point dot : FaceAligner.TEMPLATE) {
                    if (distance(t, dot) < 2.0) {
                        int i = (y * w + x) * 3;
                        px[i] = px[i + 1] = px[i + 2] = (byte) 255;
                    }
                }
            }
        }
        List<Point> landmarks = new ArrayList<>();
        double[] noise = {0.3, -0.2, 0.1, 0.25, -0.3, 0.15, -0.1, 0.2, 0.05, -0.25};
        for (int i = 0; i < 5; i++) {
            Point p = forward.apply(FaceAligner.TEMPLATE.get(i));
            landmarks.add(new Point(p.x() + noise[2 * i], p.y() + noise[2 * i + 1]));
        }
        DetectedFace face = new DetectedFace(new Box(100, 100, 180, 180), landmarks, 0.99);

        BgrImage aligned = FaceAligner.align(new BgrImage(w, h, px), face);

        assertEquals(112, aligned.width());
        assertEquals(112, aligned.height());
        SimilarityTransform estimated = FaceAligner.transformFor(face);
        for (int i = 0; i < 5; i++) {
            Point mapped = estimated.apply(forward.apply(FaceAligner.TEMPLATE.get(i)));
            assertTrue(distance(mapped, FaceAligner.TEMPLATE.get(i)) < 0.5, "landmark " + i + " off by "
                    + distance(mapped, FaceAligner.TEMPLATE.get(i)));
            Point centroid = brightCentroid(aligned, FaceAligner.TEMPLATE.get(i));
            assertTrue(distance(centroid, FaceAligner.TEMPLATE.get(i)) < 0.5, "dot " + i + " drawn at " + centroid);
        }
    }

    @Test
    void acceptsAlignedCropsOfOtherSizes() {
        BgrImage crop = new BgrImage(224, 224, new byte[224 * 224 * 3]);
        BgrImage aligned = FaceAligner.asAligned(crop);
        assertEquals(112, aligned.width());
        BgrImage exact = new BgrImage(112, 112, new byte[112 * 112 * 3]);
        assertTrue(FaceAligner.asAligned(exact) == exact);
    }

    /** Intensity-weighted centre of the bright pixels within 5 px of {@code near}. */
    private static Point brightCentroid(BgrImage image, Point near) {
        double sx = 0, sy = 0, sw = 0;
        for (int y = (int) near.y() - 5; y <= near.y() + 5; y++) {
            for (int x = (int) near.x() - 5; x <= near.x() + 5; x++) {
                double v = image.pixels()[(y * image.width() + x) * 3] & 0xFF;
                sx += v * x;
                sy += v * y;
                sw += v;
            }
        }
        return new Point(sx / sw, sy / sw);
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
