package io.faceflow.training.eval;

/**
 * How a labelled set is evaluated when it has no pairs file.
 *
 * @param maxSamePairs cap on same-identity verification pairs (as many different ones are drawn)
 * @param galleryPerIdentity images each enrolled identity puts into the gallery
 * @param unenrolledFraction share of identities kept out of the gallery (their images are the non-mated probes)
 * @param seed drives pair sampling and the gallery/probe split
 */
public record EvalSettings(int maxSamePairs, int galleryPerIdentity, double unenrolledFraction, long seed) {
    public static EvalSettings defaults() {
        return new EvalSettings(3000, 1, 0.3, 0);
    }
}
