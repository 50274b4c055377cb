package io.faceflow.training.loss;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Draws per-sample margins m_i ~ Normal(m, std) and, for "+" heads, hands them out by target cosine.
 *
 * <p>The draw for a step depends only on (seed, step), not on how many draws came before, so a
 * resumed run draws exactly the margins the uninterrupted run would have drawn.
 */
public final class MarginSampler {
    private final MarginHeadConfig config;
    private final long seed;

    public MarginSampler(MarginHeadConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    /** Margins for one batch at one step, in sample order (before any "+" re-assignment). No clamp, as in the reference. */
    public double[] draw(long step, int batchSize) {
        double[] margins = new double[batchSize];
        if (!config.elastic()) {
            Arrays.fill(margins, config.margin());
            return margins;
        }
        // Mix the step into the seed so neighbouring steps get unrelated streams.
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1)));
        for (int i = 0; i < batchSize; i++) {
            margins[i] = config.margin() + config.std() * random.nextGaussian();
        }
        return margins;
    }

    /**
     * Re-assigns drawn margins by target cosine (the "+" step; no gradient flows through it).
     *
     * @param margins drawn margins, one per sample
     * @param targetCos each sample's cosine to its own class centre
     * @return the margins each sample uses
     */
    public static double[] assign(double[] margins, double[] targetCos, PlusAssignment assignment) {
        if (margins.length != targetCos.length) {
            throw new IllegalArgumentException("margins (" + margins.length + ") and target cosines ("
                    + targetCos.length + ") must have one entry per sample");
        }
        int n = margins.length;
        double[] sorted = margins.clone();
        Arrays.sort(sorted);
        // Stable order of samples by cos_y descending; ties keep sample order.
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> targetCos[i]).reversed());
        double[] used = new double[n];
        for (int k = 0; k < n; k++) {
            switch (assignment) {
                case PAPER -> used[idx[k]] = sorted[k];
                case REFERENCE_GATHER -> used[k] = sorted[idx[k]];
                default -> throw new IllegalStateException(assignment.toString());
            }
        }
        return used;
    }
}
