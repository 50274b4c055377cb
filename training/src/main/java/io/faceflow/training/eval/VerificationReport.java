package io.faceflow.training.eval;

import io.faceflow.core.bundle.Calibration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Everything quoted for one verification set: protocol accuracy, TAR at FAR 1e-2 and 1e-3, and the ROC.
 *
 * @param set the set's name (lfw, agedb_30, ...)
 * @param pairs number of pairs
 */
public record VerificationReport(String set, int pairs, int impostorPairs, VerificationResult accuracy,
        List<OperatingPoint> tarAtFar, RocCurve roc) {
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
        int impostors = (int) IntStream.range(0, same.length).filter(i -> !same[i]).count();
        return new VerificationReport(set, distances.length, impostors, Verification.evaluate(distances, same), points,
                RocCurve.of(set, distances, same));
    }

    /**
     * The decision threshold at {@code far} (one of {@link #DEFAULT_FARS}) as a cosine similarity:
     * distances here are squared L2 between unit vectors, d = 2 - 2 cos, so cos = 1 - d / 2.
     */
    public Calibration calibration(double far, String data) {
        OperatingPoint p = tarAtFar.stream().filter(o -> o.targetFalseRate() == far).findFirst().orElseThrow(
                () -> new IllegalArgumentException("calibration FAR " + far + " is not measured; use one of "
                        + java.util.Arrays.toString(DEFAULT_FARS)));
        if (Double.isInfinite(p.threshold())) {
            throw new IllegalArgumentException(set + " has " + impostorPairs + " impostor pairs, too few to place a"
                    + " threshold at FAR " + far + ": calibrate on more identities or images");
        }
        return new Calibration(Math.max(-1, Math.min(1, 1 - p.threshold() / 2)), far, p.trueRate(), data,
                impostorPairs, java.time.Instant.now().toString());
    }
}
