package io.faceflow.training.eval;

/**
 * The standard face-verification protocol (LFW, AgeDB-30, CALFW, CPLFW, CFP-FP).
 *
 * <p>Inputs are squared-L2 distances between flip-averaged, normalised embeddings (so in [0, 4]).
 * A pair is predicted "same" when its distance is below the threshold. The pairs are cut into 10
 * contiguous folds (the first n % 10 folds one pair longer); for each fold the threshold among
 * 0.00, 0.01, ..., 3.99 with the best accuracy on the other nine folds is chosen (the first of
 * equal maxima) and scored on the held-out fold. The result is the mean and population std of
 * the ten held-out accuracies.
 */
public final class Verification {
    public static final int FOLDS = 10;

    private Verification() {}

    /** 0.00, 0.01, ..., 3.99. */
    public static double[] thresholds() {
        double[] t = new double[400];
        for (int i = 0; i < t.length; i++) {
            t[i] = i / 100.0;
        }
        return t;
    }

    /** Start index of each fold plus the end; contiguous, the first n % k folds one longer. */
    public static int[] foldBounds(int n, int k) {
        if (n < k) {
            throw new IllegalArgumentException("need at least " + k + " pairs for " + k + " folds, got " + n);
        }
        int[] bounds = new int[k + 1];
        for (int f = 0; f < k; f++) {
            bounds[f + 1] = bounds[f] + n / k + (f < n % k ? 1 : 0);
        }
        return bounds;
    }

    public static VerificationResult evaluate(double[] distances, boolean[] same) {
        return evaluate(distances, same, thresholds(), FOLDS);
    }

    public static VerificationResult evaluate(double[] distances, boolean[] same, double[] thresholds, int folds) {
        if (distances.length != same.length) {
            throw new IllegalArgumentException(distances.length + " distances but " + same.length + " labels");
        }
        int n = distances.length;
        int[] bounds = foldBounds(n, folds);
        int t = thresholds.length;
        // Per fold and threshold: correct predictions, true and false positives; one pass per pair.
        long[][] correct = new long[folds][t];
        long[][] tp = new long[folds][t];
        long[][] fp = new long[folds][t];
        long[] positives = new long[folds];
        long[] negatives = new long[folds];
        for (int f = 0; f < folds; f++) {
            for (int i = bounds[f]; i < bounds[f + 1]; i++) {
                if (same[i]) {
                    positives[f]++;
                } else {
                    negatives[f]++;
                }
                for (int j = 0; j < t; j++) {
                    boolean predictSame = distances[i] < thresholds[j];
                    if (predictSame == same[i]) {
                        correct[f][j]++;
                    }
                    if (predictSame && same[i]) {
                        tp[f][j]++;
                    } else if (predictSame) {
                        fp[f][j]++;
                    }
                }
            }
        }
        double[] foldAcc = new double[folds];
        double[] foldThr = new double[folds];
        double[] tpr = new double[t];
        double[] fpr = new double[t];
        for (int f = 0; f < folds; f++) {
            int best = 0;
            long bestCorrect = -1;
            for (int j = 0; j < t; j++) {
                long trainCorrect = 0;
                for (int g = 0; g < folds; g++) {
                    if (g != f) {
                        trainCorrect += correct[g][j];
                    }
                }
                if (trainCorrect > bestCorrect) { // strict: the first maximum wins
                    bestCorrect = trainCorrect;
                    best = j;
                }
            }
            int size = bounds[f + 1] - bounds[f];
            foldAcc[f] = (double) correct[f][best] / size;
            foldThr[f] = thresholds[best];
            for (int j = 0; j < t; j++) {
                tpr[j] += (positives[f] == 0 ? 0 : (double) tp[f][j] / positives[f]) / folds;
                fpr[j] += (negatives[f] == 0 ? 0 : (double) fp[f][j] / negatives[f]) / folds;
            }
        }
        double sum = 0;
        for (double a : foldAcc) {
            sum += a;
        }
        double mean = sum / folds;
        double squares = 0;
        for (double a : foldAcc) {
            squares += (a - mean) * (a - mean);
        }
        return new VerificationResult(mean, Math.sqrt(squares / folds), foldAcc, foldThr, thresholds.clone(), tpr, fpr);
    }
}
