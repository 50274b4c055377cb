package io.faceflow.core.embed;

/** Small vector helpers for embeddings. */
public final class Vectors {
    private Vectors() {}

    /**
     * Scales {@code v} in place to unit length and returns it. A zero vector has no direction, and
     * from a recognition model it means a broken network or input: it is refused, as the index
     * refuses it.
     */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("cannot normalise a vector of norm " + Math.sqrt(sum)
                    + ": the model produced a zero or non-finite embedding (check the bundle's input convention)");
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of size " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
