package io.faceflow.index;

import org.apache.lucene.util.VectorUtil;

/** Small vector helpers shared by the backends, the bench and the tests. */
public final class Vectors {
    private Vectors() {}

    /** Dot product with the JDK's SIMD instructions where Lucene can use them. */
    public static float dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }

    /** Cosine similarity; equals the dot product for normalised vectors, but does not assume it. */
    public static float cosine(float[] a, float[] b) {
        double na = 0, nb = 0, d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0f;
        }
        return (float) (d / Math.sqrt(na * nb));
    }

    /** Returns a normalised copy; a zero vector is refused because it has no direction. */
    public static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot normalise a zero vector");
        }
        float inv = (float) (1.0 / Math.sqrt(n));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
