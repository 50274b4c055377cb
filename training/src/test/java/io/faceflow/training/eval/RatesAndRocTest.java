package io.faceflow.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatesAndRocTest {
    @TempDir
    Path dir;

    /** 1000 impostors at 1.000, 1.001, ...; genuine pairs at 0.5 (half) and 1.0055 (half). */
    static double[] distances(boolean[] same) {
        double[] d = new double[same.length];
        int imp = 0;
        int gen = 0;
        for (int i = 0; i < same.length; i++) {
            d[i] = same[i] ? (gen++ % 2 == 0 ? 0.5 : 1.0055) : 1.0 + 0.001 * imp++;
        }
        return d;
    }

    static boolean[] labels() {
        boolean[] same = new boolean[1200];
        for (int i = 0; i < same.length; i++) {
            same[i] = i % 6 == 0;
        }
        return same;
    }

    @Test
    void tarAtFarUsesTheImpostorQuantile() {
        boolean[] same = labels();
        double[] d = distances(same);
        OperatingPoint at2 = TarAtFar.compute(d, same, 1e-2);
        assertEquals(1.010, at2.threshold(), 1e-9); // k = 10: ten impostors below it
        assertEquals(0.01, at2.achievedFalseRate(), 1e-12);
        assertEquals(1.0, at2.trueRate(), 1e-12);
        OperatingPoint at3 = TarAtFar.compute(d, same, 1e-3);
        assertEquals(1.001, at3.threshold(), 1e-9);
        assertEquals(0.001, at3.achievedFalseRate(), 1e-12);
        assertEquals(0.5, at3.trueRate(), 1e-12);
    }

    @Test
    void reportBundlesAccuracyRatesAndRoc() {
        boolean[] same = labels();
        VerificationReport r = VerificationReport.of("synthetic", distances(same), same);
        assertEquals(1200, r.pairs());
        assertEquals(2, r.tarAtFar().size());
        assertEquals(1.0, r.tarAtFar().get(0).trueRate(), 1e-12);
        assertEquals(0.5, r.tarAtFar().get(1).trueRate(), 1e-12);
        assertTrue(r.accuracy().accuracyMean() > 0.9);
        assertEquals("synthetic", r.roc().label());
    }

    @Test
    void rocPointsAucAndPng() throws Exception {
        RocCurve roc = RocCurve.of("toy", new double[] {0.1, 0.2, 0.2, 0.9}, new boolean[] {true, true, false, false});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.far(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.tar(), 1e-12);
        assertEquals(0.875, roc.auc(), 1e-12);
        boolean[] same = labels();
        RocCurve big = RocCurve.of("synthetic", distances(same), same);
        assertEquals(1.0, big.tarAt(1e-2), 1e-12);
        assertEquals(0.5, big.tarAt(1e-3), 1e-12);

        Path png = dir.resolve("plots/roc.png");
        RocPlot.write(List.of(big, roc), "ROC test", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        boolean blue = false;
        for (int y = 0; y < image.getHeight() && !blue; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0x1f77b4) {
                    blue = true;
                    break;
                }
            }
        }
        assertTrue(blue, "the first curve's colour should appear in the plot");
    }
}
