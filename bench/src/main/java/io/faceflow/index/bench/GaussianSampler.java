package io.faceflow.index.bench;

import java.util.random.RandomGenerator;

/**
 * Draws from a multivariate Gaussian as mean + L z, with L the (lower) Cholesky factor of the
 * covariance and z standard normal. The sums run in a fixed order on plain floats: SIMD
 * reductions may add lanes in another order from one run to the next, and the data of a seed must
 * be the same bits every time (a kept benchmark index is recognised by them).
 */
final class GaussianSampler {
    private final float[] mean;
    private final float[][] factor;

    GaussianSampler(float[] mean, double[][] covariance) {
        this.mean = mean.clone();
        this.factor = cholesky(covariance);
    }

    float[] sample(RandomGenerator random) {
        int dim = mean.length;
        float[] z = new float[dim];
        for (int i = 0; i < dim; i++) {
            z[i] = (float) random.nextGaussian();
        }
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            float[] row = factor[i];
            float sum = 0;
            for (int j = 0; j <= i; j++) {
                sum += row[j] * z[j];
            }
            out[i] = mean[i] + sum;
        }
        return out;
    }

    /**
     * A covariance fitted from unit vectors, or from few samples, is singular or nearly so: a
     * ridge of growing size (1e-9 up to 1e-3 of the mean variance) is added until the factorisation
     * succeeds. It changes the total variance by far less than the fit's own noise; a matrix that
     * needs more is not a covariance.
     */
    static float[][] cholesky(double[][] covariance) {
        int n = covariance.length;
        double ridge = 1e-9 * Math.max(FaceShape.trace(covariance) / n, Double.MIN_NORMAL);
        for (int attempt = 0; attempt < 7; attempt++, ridge *= 10) {
            float[][] l = tryCholesky(covariance, ridge);
            if (l != null) {
                return l;
            }
        }
        throw new IllegalArgumentException("the covariance (" + n + "x" + n + ") is not positive semi-definite even"
                + " with a ridge of " + ridge / 10 + ": refit the face shape from more photos");
    }

    private static float[][] tryCholesky(double[][] a, double ridge) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j] + (i == j ? ridge : 0);
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (s <= 0 || Double.isNaN(s)) {
                        return null;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        float[][] out = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                out[i][j] = (float) l[i][j];
            }
        }
        return out;
    }
}
