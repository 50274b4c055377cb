package io.faceflow.training.eval;

/** Small vector helpers for matching embeddings (plain arrays, no engine). */
public final class EmbeddingMath {
    private EmbeddingMath() {}

    /** A unit-length copy; a zero vector stays zero rather than becoming NaN. */
    public static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** The evaluation embedding: normalise(f(x) + f(flip(x))). */
    public static float[] flipAveraged(float[] plain, float[] flipped) {
        requireSameLength(plain, flipped);
        float[] sum = new float[plain.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = plain[i] + flipped[i];
        }
        return normalise(sum);
    }

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
