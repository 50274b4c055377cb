package io.faceflow.streams.tracking;

import io.faceflow.core.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The embeddings a track keeps for fusion: the highest-quality ones, at most a configured number.
 *
 * @param kept the kept embeddings, best quality first
 * @param count how many faces of the track were embedded in all, kept or not
 */
public record TrackEmbeddings(List<WeightedEmbedding> kept, int count) {
    public static final TrackEmbeddings NONE = new TrackEmbeddings(List.of(), 0);

    /** A zero-quality face still counts a little, so a track of only such faces has a direction. */
    private static final double MIN_WEIGHT = 1e-6;

    public TrackEmbeddings {
        kept = List.copyOf(kept);
    }

    /** These embeddings plus {@code vector} (normalised on a copy), keeping the best {@code max}. */
    public TrackEmbeddings add(float[] vector, double quality, int max) {
        List<WeightedEmbedding> next = new ArrayList<>(kept);
        next.add(new WeightedEmbedding(Vectors.normalize(vector.clone()), quality));
        // Stable sort: among equal qualities the older embedding stays ahead and the newer one goes.
        next.sort(Comparator.comparingDouble(WeightedEmbedding::quality).reversed());
        return new TrackEmbeddings(next.subList(0, Math.min(max, next.size())), count + 1);
    }

    /** The quality-weighted mean of the kept embeddings, normalised to unit length; null when none. */
    public float[] fused() {
        if (kept.isEmpty()) {
            return null;
        }
        float[] sum = new float[kept.get(0).vector().length];
        for (WeightedEmbedding e : kept) {
            double weight = Math.max(MIN_WEIGHT, e.quality());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (float) (weight * e.vector()[i]);
            }
        }
        return Vectors.normalize(sum);
    }

    /** The best quality embedded so far, 0 when none: what a new face must clearly beat to be embedded. */
    public double bestQuality() {
        return kept.isEmpty() ? 0 : kept.get(0).quality();
    }
}
