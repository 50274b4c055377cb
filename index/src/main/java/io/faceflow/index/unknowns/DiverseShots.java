package io.faceflow.index.unknowns;

import io.faceflow.index.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the shots a candidate keeps: the best-quality one first, then greedily the shot farthest
 * (cosine distance) from those already picked, its distance weighted by its quality so a blurred
 * outlier does not win on being different alone. Diverse shots show the operator the person from
 * several sides, and enrol a template set that covers more than one pose. Used by the clusterer
 * and by the console's merge of two candidates.
 */
public final class DiverseShots {
    private DiverseShots() {}

    /** At most {@code max} of {@code shots}, in the order picked (best first). */
    public static List<CandidateShot> pick(List<CandidateShot> shots, int max) {
        List<CandidateShot> left = new ArrayList<>(shots);
        List<CandidateShot> picked = new ArrayList<>();
        left.sort(Comparator.comparingDouble(CandidateShot::quality).reversed());
        while (!left.isEmpty() && picked.size() < max) {
            CandidateShot next = picked.isEmpty() ? left.get(0) : left.stream()
                    .max(Comparator.comparingDouble(s -> weight(s) * distanceToNearest(s, picked))).orElseThrow();
            picked.add(next);
            left.remove(next);
        }
        return picked;
    }

    /** 0.5..1: quality tips the choice between similarly distant shots without outweighing distance. */
    private static double weight(CandidateShot s) {
        return 0.5 + 0.5 * Math.clamp(s.quality(), 0, 1);
    }

    private static double distanceToNearest(CandidateShot s, List<CandidateShot> picked) {
        double nearest = Double.MAX_VALUE;
        for (CandidateShot p : picked) {
            nearest = Math.min(nearest, 1 - Vectors.cosine(s.embedding(), p.embedding()));
        }
        return nearest;
    }
}
