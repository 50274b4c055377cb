package io.faceflow.training.eval;

/** Small vector helpers for matching embeddings (plain arrays, no engine). */
public final class EmbeddingMath {
    private EmbeddingMath() {}

    public static double squaredL2(float[] a, float[] b) {
        requireSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    public static double dot(float[] a, float[] b) {
        requireSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Squared-L2 distance of each pair (left[i], right[i]). */
    public static double[] pairDistances(float[][] left, float[][] right) {
        if (left.length != right.length) {
            throw new IllegalArgumentException("left has " + left.length + " embeddings, right " + right.length);
        }
        double[] out = new double[left.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = squaredL2(left[i], right[i]);
        }
        return out;
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding sizes differ: " + a.length + " vs " + b.length);
        }
    }
}
