package io.faceflow.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianSamplerTest {
    @Test
    void drawsHaveTheGivenMeanAndCorrelatedCovariance() {
        float[] mean = {1f, -2f, 0.5f};
        double[][] covariance = {{4, 1.2, 0}, {1.2, 1, 0.3}, {0, 0.3, 0.25}};
        GaussianSampler sampler = new GaussianSampler(mean, covariance);
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        double[] sum = new double[3];
        double[][] outer = new double[3][3];
        for (int s = 0; s < n; s++) {
            float[] x = sampler.sample(random);
            for (int i = 0; i < 3; i++) {
                sum[i] += x[i];
                for (int j = 0; j < 3; j++) {
                    outer[i][j] += (x[i] - mean[i]) * (double) (x[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(mean[i], sum[i] / n, 0.02, "mean " + i);
            for (int j = 0; j < 3; j++) {
                assertEquals(covariance[i][j], outer[i][j] / n, 0.03, "covariance " + i + "," + j);
            }
        }
    }

    @Test
    void aSingularCovarianceStillFactorsAndAnIndefiniteOneIsRefused() {
        // Rank one: both coordinates always equal.
        float[][] l = GaussianSampler.cholesky(new double[][] {{1, 1}, {1, 1}});
        assertEquals(1.0, l[0][0], 1e-3);
        assertEquals(1.0, l[1][0], 1e-3);
        assertThrows(IllegalArgumentException.class, () -> GaussianSampler.cholesky(new double[][] {{1, 2}, {2, 1}}));
    }
}
