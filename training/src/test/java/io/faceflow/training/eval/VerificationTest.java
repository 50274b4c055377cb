package io.faceflow.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VerificationTest {
    @Test
    void perfectSeparationPicksTheFirstBestThreshold() {
        double[] d = new double[60];
        boolean[] same = new boolean[60];
        for (int i = 0; i < d.length; i++) {
            same[i] = i % 2 == 0;
            d[i] = same[i] ? 0.5 : 1.5;
        }
        VerificationResult r = Verification.evaluate(d, same);
        assertEquals(1.0, r.accuracyMean());
        assertEquals(0.0, r.accuracyStd());
        for (double t : r.foldThresholds()) {
            assertEquals(0.51, t, 1e-12); // 0.50 fails "dist < thr"; 0.51 .. 1.50 tie, the first wins
        }
    }

    @Test
    void oneMistakeInOneFoldGivesKnownMeanAndPopulationStd() {
        double[] d = new double[100];
        boolean[] same = new boolean[100];
        for (int i = 0; i < d.length; i++) {
            same[i] = i % 2 == 0;
            d[i] = same[i] ? 0.3 : 1.0;
        }
        d[4] = 2.0; // a genuine pair in fold 0 that no sensible threshold accepts
        VerificationResult r = Verification.evaluate(d, same);
        assertEquals(0.9, r.foldAccuracies()[0], 1e-12);
        assertEquals(0.99, r.accuracyMean(), 1e-12);
        assertEquals(0.03, r.accuracyStd(), 1e-12);
        assertEquals("99.00 +- 3.00 %", r.summary());
    }

    @Test
    void foldsAreContiguousWithTheRemainderFirst() {
        assertArrayEquals(new int[] {0, 3, 6, 9, 11, 13, 15, 17, 19, 21, 23}, Verification.foldBounds(23, 10));
        assertEquals(400, Verification.thresholds().length);
        assertEquals(3.99, Verification.thresholds()[399], 1e-12);
    }

    @Test
    void matchesAStraightforwardImplementation() {
        Random random = new Random(3);
        int n = 613;
        double[] d = new double[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            same[i] = random.nextBoolean();
            d[i] = Math.max(0, Math.min(4, (same[i] ? 0.9 : 1.6) + 0.35 * random.nextGaussian()));
        }
        VerificationResult r = Verification.evaluate(d, same);
        int[] b = Verification.foldBounds(n, 10);
        double[] thr = Verification.thresholds();
        double mean = 0;
        for (int f = 0; f < 10; f++) {
            double bestAcc = -1;
            double best = 0;
            for (double t : thr) {
                int ok = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (i >= b[f] && i < b[f + 1]) {
                        continue;
                    }
                    count++;
                    if ((d[i] < t) == same[i]) {
                        ok++;
                    }
                }
                double acc = (double) ok / count;
                if (acc > bestAcc) {
                    bestAcc = acc;
                    best = t;
                }
            }
            int ok = 0;
            for (int i = b[f]; i < b[f + 1]; i++) {
                if ((d[i] < best) == same[i]) {
                    ok++;
                }
            }
            double acc = (double) ok / (b[f + 1] - b[f]);
            assertEquals(best, r.foldThresholds()[f], 1e-12, "fold " + f);
            assertEquals(acc, r.foldAccuracies()[f], 1e-12, "fold " + f);
            mean += acc / 10;
        }
        assertEquals(mean, r.accuracyMean(), 1e-12);
        assertTrue(r.accuracyMean() > 0.75);
    }

    @Test
    void squaredDistancesOfUnitVectorsSpanZeroToFour() {
        assertEquals(4.0, EmbeddingMath.squaredL2(new float[] {1, 0}, new float[] {-1, 0}), 1e-12);
        assertEquals(0.0, EmbeddingMath.squaredL2(new float[] {0, 1}, new float[] {0, 1}), 1e-12);
    }
}
