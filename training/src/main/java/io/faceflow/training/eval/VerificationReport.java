package io.faceflow.training.eval;

import java.util.List;

/**
 * Everything quoted for one verification set: protocol accuracy, TAR at FAR 1e-2 and 1e-3, and the ROC.
 *
 * @param set the set's name (lfw, agedb_30, ...)
 * @param pairs number of pairs
 */
public record VerificationReport(String set, int pairs, VerificationResult accuracy, List<OperatingPoint> tarAtFar,
        RocCurve roc) {
    public static final double[] DEFAULT_FARS = {1e-2, 1e-3};

    public VerificationReport {
        tarAtFar = List.copyOf(tarAtFar);
    }

    /** Scores squared-L2 distances of flip-averaged, normalised embeddings against the pair labels. */
    public static VerificationReport of(String set, double[] distances, boolean[] same) {
        List<OperatingPoint> points = new java.util.ArrayList<>();
        for (double far : DEFAULT_FARS) {
            points.add(TarAtFar.compute(distances, same, far));
        }
        return new VerificationReport(set, distances.length, Verification.evaluate(distances, same), points,
                RocCurve.of(set, distances, same));
    }
}
