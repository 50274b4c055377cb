package io.faceflow.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A split of identities (not images) into training and validation, so no validation person is
 * ever seen in training: what face verification measures.
 */
public record IdentitySplit(Set<Integer> train, Set<Integer> validation) {
    public IdentitySplit {
        train = Collections.unmodifiableSet(new TreeSet<>(train));
        validation = Collections.unmodifiableSet(new TreeSet<>(validation));
    }

    /**
     * Splits the distinct identities among {@code labels}; the same seed and labels give the same split.
     *
     * @param validationFraction share of identities for validation, in [0, 1); rounded, at least one
     *     when the fraction is positive and there are at least two identities
     */
    public static IdentitySplit of(int[] labels, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        TreeSet<Integer> distinct = new TreeSet<>();
        for (int label : labels) {
            distinct.add(label);
        }
        List<Integer> ids = new ArrayList<>(distinct);
        Collections.shuffle(ids, new Random(seed));
        int n = ids.size();
        int validation = (int) Math.round(validationFraction * n);
        if (validationFraction > 0 && n >= 2) {
            validation = Math.max(1, Math.min(n - 1, validation));
        }
        return new IdentitySplit(new TreeSet<>(ids.subList(validation, n)), new TreeSet<>(ids.subList(0, validation)));
    }

    /** Indices of the images whose identity is in {@code part}. */
    public static int[] indicesOf(int[] labels, Set<Integer> part) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> part.contains(labels[i])).toArray();
    }
}
