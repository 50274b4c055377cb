package io.faceflow.training.eval;

import java.util.List;

/**
 * Identification figures on a gallery/probe split.
 *
 * @param rank1 closed set: share of mated probes whose best gallery match is their identity
 * @param rank5 closed set: share of mated probes with their identity among the 5 best identities
 * @param openSet TPIR at each requested FPIR (empty when there are no non-mated probes)
 * @param matedProbes probes whose identity is enrolled
 * @param nonMatedProbes probes of people not in the gallery
 */
public record IdentificationResult(double rank1, double rank5, List<OperatingPoint> openSet, int matedProbes,
        int nonMatedProbes) {
    public IdentificationResult {
        openSet = List.copyOf(openSet);
    }
}
