package io.faceflow.core.bundle;

import java.util.Locale;

/**
 * A bundle's calibrated decision threshold: the cosine similarity above which two faces are taken
 * to be the same person, chosen so that at most {@code falseAcceptRate} of the impostor pairs in
 * {@code data} score above it. Written by {@code faceflow eval --calibrate}.
 *
 * @param threshold cosine similarity, in [-1, 1]
 * @param falseAcceptRate the FAR the threshold was chosen for (e.g. 1e-3)
 * @param trueAcceptRate the TAR measured at that threshold on the same data
 * @param data what the threshold came from, in words (set name, images, pairs)
 * @param impostorPairs impostor pairs behind the choice: a FAR of 1e-3 from 3,000 pairs rests on 3 of them
 * @param createdAt ISO-8601 time of the calibration
 */
public record Calibration(double threshold, double falseAcceptRate, double trueAcceptRate, String data,
        long impostorPairs, String createdAt) {
    public Calibration {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("a calibrated threshold is a cosine similarity in [-1, 1], got " + threshold);
        }
        if (!(falseAcceptRate > 0 && falseAcceptRate < 1)) {
            throw new IllegalArgumentException("calibration FAR must be in (0, 1), got " + falseAcceptRate);
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "threshold %.4f at FAR %.0e (TAR %.3f) from %s, %d impostor pairs",
                threshold, falseAcceptRate, trueAcceptRate, data, impostorPairs);
    }
}
