package io.faceflow.training.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The ROC of a verification set: for every distinct distance as threshold (accept when distance
 * &lt;= threshold), the false-accept rate and true-accept rate, FAR ascending.
 */
public record RocCurve(String label, double[] far, double[] tar, double[] thresholds) {

    public static RocCurve of(String label, double[] distances, boolean[] same) {
        int n = distances.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> distances[i]));
        long positives = 0;
        for (boolean s : same) {
            if (s) {
                positives++;
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC needs genuine and impostor pairs; got " + positives + " and " + negatives);
        }
        double[] far = new double[n + 1];
        double[] tar = new double[n + 1];
        double[] thr = new double[n + 1];
        thr[0] = Double.NEGATIVE_INFINITY;
        int points = 1;
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (same[i]) {
                tp++;
            } else {
                fp++;
            }
            // Emit a point only after the last of equal distances, so ties form one step.
            if (k == n - 1 || distances[order[k + 1]] != distances[i]) {
                far[points] = (double) fp / negatives;
                tar[points] = (double) tp / positives;
                thr[points] = distances[i];
                points++;
            }
        }
        return new RocCurve(label, Arrays.copyOf(far, points), Arrays.copyOf(tar, points), Arrays.copyOf(thr, points));
    }

    /** Area under the curve (trapezoids over FAR). */
    public double auc() {
        double area = 0;
        for (int i = 1; i < far.length; i++) {
            area += (far[i] - far[i - 1]) * (tar[i] + tar[i - 1]) / 2;
        }
        return area;
    }

    /** Best TAR among points whose FAR does not exceed {@code maxFar}. */
    public double tarAt(double maxFar) {
        double best = 0;
        for (int i = 0; i < far.length; i++) {
            if (far[i] <= maxFar) {
                best = Math.max(best, tar[i]);
            }
        }
        return best;
    }
}
