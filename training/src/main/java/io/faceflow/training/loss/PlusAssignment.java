package io.faceflow.training.loss;

/**
 * How a "+" head hands the batch's drawn margins to its samples.
 *
 * <p>Both sort the drawn margins ascending ({@code sorted}) and the samples by target cosine
 * descending ({@code idx}, so {@code idx[0]} is the sample closest to its class centre).
 */
public enum PlusAssignment {
    /**
     * The paper's stated intent (default): {@code used[idx[k]] = sorted[k]}. The sample with the
     * largest target cosine gets the smallest margin, the farthest sample the largest.
     */
    PAPER,
    /**
     * What the authors' code computes: {@code used[j] = sorted[idx[j]]}, a gather with the
     * sort order, i.e. the inverse permutation of {@link #PAPER}. It equals the paper only when
     * {@code idx} is its own inverse. Kept to reproduce the reference numbers exactly.
     */
    REFERENCE_GATHER
}
