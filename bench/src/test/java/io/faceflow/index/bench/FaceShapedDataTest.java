package io.faceflow.index.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.Identity;
import io.faceflow.index.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceShapedDataTest {
    static final int DIM = 24;

    @TempDir
    Path dir;

    /**
     * An anisotropic shape of unit-norm data, as a face model's: mean of norm 0.3, the rest of
     * the variance falling off geometrically over the axes, a third of it within identities.
     */
    static FaceShape shape() {
        float[] mean = new float[DIM];
        mean[0] = 0.3f;
        double[][] covariance = new double[DIM][DIM];
        double[][] within = new double[DIM][DIM];
        double[] weights = new double[DIM];
        double sum = 0;
        for (int i = 0; i < DIM; i++) {
            weights[i] = Math.pow(0.8, i);
            sum += weights[i];
        }
        for (int i = 0; i < DIM; i++) {
            covariance[i][i] = (1 - 0.09) * weights[i] / sum;
            within[i][i] = covariance[i][i] / 3;
        }
        return new FaceShape(mean, covariance, within, 100, 10, Math.sqrt(0.91 / 3), "test shape");
    }

    @Test
    void generatedGalleriesHaveTheFittedMeanVarianceAndWithinSpread() {
        BenchData data = new FaceShapedData(shape()).generate(7, 40_000, 100);
        double[] mean = new double[DIM];
        for (float[] v : data.vectors()) {
            assertEquals(1.0, Math.sqrt(Vectors.dot(v, v)), 1e-5, "templates are unit vectors");
            for (int i = 0; i < DIM; i++) {
                mean[i] += v[i] / (double) data.vectors().length;
            }
        }
        // Normalising each template pulls the mean in by a few percent in so few dimensions.
        assertEquals(0.3, mean[0], 0.03);
        double totalVariance = 0;
        for (float[] v : data.vectors()) {
            for (int i = 0; i < DIM; i++) {
                totalVariance += (v[i] - mean[i]) * (v[i] - mean[i]) / data.vectors().length;
            }
        }
        assertEquals(0.91, totalVariance, 0.05);
        // Two faces of one person differ by two within draws: E|a - b|^2 / 2 = within variance.
        double halfSquared = 0;
        int pairs = 0;
        for (int i = 1; i < data.vectors().length; i++) {
            if (data.owner()[i] == data.owner()[i - 1]) {
                halfSquared += (2 - 2 * Vectors.dot(data.vectors()[i], data.vectors()[i - 1])) / 2;
                pairs++;
            }
        }
        assertTrue(pairs > 5_000, "pairs: " + pairs);
        assertEquals(0.91 / 3, halfSquared / pairs, 0.03);
        // The variance is anisotropic as fitted: the first axis holds far more than the last.
        double first = 0;
        double last = 0;
        for (float[] v : data.vectors()) {
            first += (v[1] - mean[1]) * (v[1] - mean[1]);
            last += (v[DIM - 1] - mean[DIM - 1]) * (v[DIM - 1] - mean[DIM - 1]);
        }
        assertEquals(Math.pow(0.8, DIM - 2), last / first, 0.01);
    }

    @Test
    void oneToThreeTemplatesPerPersonAndProbesAlternateEnrolledAndStranger() {
        BenchData data = new FaceShapedData(shape()).generate(3, 1_000, 40);
        assertEquals(1_000, data.vectors().length);
        List<Identity> gallery = data.gallery();
        assertEquals(data.identities(), gallery.size());
        assertTrue(gallery.stream().allMatch(p -> p.templates().size() >= 1 && p.templates().size() <= 3));
        assertEquals(1_000, gallery.stream().mapToInt(p -> p.templates().size()).sum());
        assertTrue(gallery.stream().anyMatch(p -> p.templates().size() == 1)
                && gallery.stream().anyMatch(p -> p.templates().size() == 3));
        for (int q = 0; q < 40; q++) {
            int owner = data.queryOwner()[q];
            assertEquals(q % 2 == 1, owner == BenchData.STRANGER, "probe " + q);
            assertTrue(owner < data.identities());
        }
    }

    @Test
    void enrolledProbesResembleTheirPersonMoreThanStrangersDo() {
        BenchData data = new FaceShapedData(shape()).generate(5, 2_000, 200);
        double own = 0;
        double stranger = 0;
        for (int q = 0; q < 200; q += 2) {
            int person = data.queryOwner()[q];
            int template = Arrays.stream(data.owner()).boxed().toList().indexOf(person);
            own += Vectors.dot(data.queries()[q], data.vectors()[template]) / 100;
            stranger += Vectors.dot(data.queries()[q + 1], data.vectors()[template]) / 100;
        }
        // Same person: 1 - within variance (about 0.70); others: about the squared mean norm.
        assertEquals(1 - 0.91 / 3, own, 0.05);
        assertTrue(stranger < own - 0.3, "stranger " + stranger + " own " + own);
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        FaceShape shape = shape();
        BenchData a = new FaceShapedData(shape).generate(11, 3_000, 60);
        BenchData b = new FaceShapedData(shape).generate(11, 3_000, 60);
        BenchData c = new FaceShapedData(shape).generate(12, 3_000, 60);
        assertArrayEquals(a.vectors(), b.vectors());
        assertArrayEquals(a.owner(), b.owner());
        assertArrayEquals(a.queries(), b.queries());
        assertArrayEquals(a.queryOwner(), b.queryOwner());
        assertFalse(Arrays.deepEquals(a.vectors(), c.vectors()));
    }

    @Test
    void exportRoundTripsThroughNpy() throws IOException {
        BenchData data = new FaceShapedData(shape()).generate(2, 500, 20);
        data.export(dir);
        assertArrayEquals(data.vectors(), Npy.readMatrix(dir.resolve(BenchData.GALLERY)));
        assertArrayEquals(data.owner(), Npy.readInts(dir.resolve(BenchData.GALLERY_IDENTITY)));
        assertArrayEquals(data.queries(), Npy.readMatrix(dir.resolve(BenchData.QUERIES)));
        assertArrayEquals(data.queryOwner(), Npy.readInts(dir.resolve(BenchData.QUERY_IDENTITY)));
    }
}
