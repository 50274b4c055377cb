package io.faceflow.streams.tracking;

import io.faceflow.core.detect.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pairs predicted track boxes with face boxes, best overlap first. Greedy rather than optimal: faces
 * in a frame rarely overlap, and where no box overlaps two others well the greedy pairing is the
 * optimal one.
 */
final class IouMatcher {
    /** Whether a track and a face may be paired at all, whatever their overlap. */
    interface Eligibility {
        boolean allows(int track, int face);
    }

    private record Candidate(int track, int face, double iou) {}

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::iou).reversed()
            .thenComparingInt(Candidate::track).thenComparingInt(Candidate::face);

    private IouMatcher() {}

    /**
     * Pairs the free tracks with the given faces, writing each pairing into {@code trackOfFace}
     * (face index to track index) and marking the track taken.
     */
    static void match(List<Box> predicted, boolean[] trackTaken, List<Box> faces, List<Integer> faceIndices,
            double minIou, Eligibility eligibility, int[] trackOfFace) {
        List<Candidate> candidates = new ArrayList<>();
        for (int t = 0; t < predicted.size(); t++) {
            if (trackTaken[t]) {
                continue;
            }
            for (int f : faceIndices) {
                double iou = iou(predicted.get(t), faces.get(f));
                if (iou >= minIou && iou > 0 && eligibility.allows(t, f)) {
                    candidates.add(new Candidate(t, f, iou));
                }
            }
        }
        candidates.sort(BEST_FIRST);
        for (Candidate c : candidates) {
            if (!trackTaken[c.track()] && trackOfFace[c.face()] < 0) {
                trackTaken[c.track()] = true;
                trackOfFace[c.face()] = c.track();
            }
        }
    }

    static double iou(Box a, Box b) {
        double w = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double h = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (a.area() + b.area() - inter);
    }
}
