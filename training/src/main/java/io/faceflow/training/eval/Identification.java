package io.faceflow.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 1:N identification on normalised embeddings, scored by cosine similarity (dot product).
 *
 * <p>Several gallery images of one identity count as one candidate with its best score.
 * Closed set (rank-k) is measured on mated probes only. Open set follows NIST's definitions:
 * FPIR = share of non-mated probes whose best score is above the threshold; TPIR = share of mated
 * probes whose rank-1 candidate is their identity with a score above the threshold. The threshold
 * for a target FPIR is the k-th highest non-mated best score, k = floor(FPIR * non-mated), with
 * strict "above", so the achieved FPIR never exceeds the target.
 */
public final class Identification {
    public static final double[] DEFAULT_FPIRS = {1e-1, 1e-2};

    private Identification() {}

    public static IdentificationResult evaluate(float[][] gallery, int[] galleryIds, float[][] probes, int[] probeIds) {
        return evaluate(gallery, galleryIds, probes, probeIds, DEFAULT_FPIRS);
    }

    public static IdentificationResult evaluate(float[][] gallery, int[] galleryIds, float[][] probes, int[] probeIds,
            double[] fpirs) {
        if (gallery.length != galleryIds.length || probes.length != probeIds.length) {
            throw new IllegalArgumentException("embeddings and identities must pair up: gallery " + gallery.length + "/"
                    + galleryIds.length + ", probes " + probes.length + "/" + probeIds.length);
        }
        if (gallery.length == 0) {
            throw new IllegalArgumentException("the gallery is empty");
        }
        Set<Integer> enrolled = new HashSet<>();
        for (int id : galleryIds) {
            enrolled.add(id);
        }
        int mated = 0;
        int rank1 = 0;
        int rank5 = 0;
        List<Double> matedTopScores = new ArrayList<>();
        List<Double> nonMatedTopScores = new ArrayList<>();
        for (int p = 0; p < probes.length; p++) {
            Map<Integer, Double> best = new HashMap<>();
            for (int g = 0; g < gallery.length; g++) {
                best.merge(galleryIds[g], EmbeddingMath.dot(probes[p], gallery[g]), Math::max);
            }
            List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(best.entrySet());
            // Score descending; equal scores in identity order so results do not depend on hashing.
            ranked.sort((a, b) -> a.getValue().equals(b.getValue())
                    ? Integer.compare(a.getKey(), b.getKey()) : Double.compare(b.getValue(), a.getValue()));
            double top = ranked.get(0).getValue();
            if (enrolled.contains(probeIds[p])) {
                mated++;
                int position = 0;
                while (ranked.get(position).getKey() != probeIds[p]) {
                    position++;
                }
                if (position == 0) {
                    rank1++;
                    matedTopScores.add(top);
                } else {
                    matedTopScores.add(Double.NaN); // a wrong rank-1 is never a true positive
                }
                if (position < 5) {
                    rank5++;
                }
            } else {
                nonMatedTopScores.add(top);
            }
        }
        List<OperatingPoint> open = new ArrayList<>();
        if (!nonMatedTopScores.isEmpty() && mated > 0) {
            double[] impostor = nonMatedTopScores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            for (double fpir : fpirs) {
                int k = (int) Math.floor(fpir * impostor.length);
                // k-th highest score; accept strictly above it.
                double threshold = k >= impostor.length ? Double.NEGATIVE_INFINITY : impostor[impostor.length - 1 - k];
                long tp = matedTopScores.stream().filter(s -> !s.isNaN() && s > threshold).count();
                long fp = Arrays.stream(impostor).filter(s -> s > threshold).count();
                open.add(new OperatingPoint(fpir, threshold, (double) tp / mated, (double) fp / impostor.length));
            }
        }
        return new IdentificationResult(mated == 0 ? 0 : (double) rank1 / mated, mated == 0 ? 0 : (double) rank5 / mated,
                open, mated, nonMatedTopScores.size());
    }
}
