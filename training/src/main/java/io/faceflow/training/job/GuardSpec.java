package io.faceflow.training.job;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a fine-tuning run's guard pairs come from and how much the child may lose on them.
 *
 * @param sources identity-folder roots or .bin packs given explicitly (--guard); empty to choose among
 *     {@code candidates}
 * @param candidates a folder of data sets (identity-folder roots up to two levels below it) the default
 *     is chosen from; null when there is none
 * @param tolerance verification accuracy the child may lose against its parent, a share (0.003 = 0.3 points)
 * @param maxImagesPerSource cap on the images taken from one folder source (whole identities, seeded): the
 *     guard is embedded twice per run, once by each model
 * @param minCosine lowest mean cosine between parent's and child's embedding of a guard face that passes
 *     (-1 = no limit)
 */
public record GuardSpec(List<Path> sources, Path candidates, double tolerance, int maxImagesPerSource,
        double minCosine) {
    public static final double DEFAULT_TOLERANCE = 0.003;
    public static final int DEFAULT_MAX_IMAGES = 300;
    /**
     * Measured on the sitcom cast (docs/results.md section 4): the fine-tuning defaults stay above 0.99,
     * a fine-tune without distillation reached 0.966, the old from-scratch rates 0.83 to 0.89.
     */
    public static final double DEFAULT_MIN_COSINE = 0.98;

    public GuardSpec {
        sources = List.copyOf(sources);
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("the guard tolerance must be in [0, 100) points, got " + 100 * tolerance);
        }
        if (!(minCosine >= -1 && minCosine <= 1)) {
            throw new IllegalArgumentException("the guard's minimum cosine must be in [-1, 1], got " + minCosine);
        }
        if (maxImagesPerSource < 4) {
            throw new IllegalArgumentException("a guard source needs at least 4 images, got a cap of " + maxImagesPerSource);
        }
    }
}
