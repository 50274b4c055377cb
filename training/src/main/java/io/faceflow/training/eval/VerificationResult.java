package io.faceflow.training.eval;

/**
 * Outcome of the 10-fold verification protocol.
 *
 * @param accuracyMean mean held-out accuracy over folds, as a fraction
 * @param accuracyStd population standard deviation of the fold accuracies
 * @param foldAccuracies held-out accuracy of each fold
 * @param foldThresholds the squared-L2 threshold picked on the other folds, per fold
 * @param thresholds the thresholds searched
 * @param tpr mean over folds of the held-out true-positive rate at each threshold
 * @param fpr mean over folds of the held-out false-positive rate at each threshold
 */
public record VerificationResult(double accuracyMean, double accuracyStd, double[] foldAccuracies,
        double[] foldThresholds, double[] thresholds, double[] tpr, double[] fpr) {

    /** The usual way to quote it, e.g. "99.50 +- 0.31 %". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%.2f +- %.2f %%", 100 * accuracyMean, 100 * accuracyStd);
    }
}
