package io.faceflow.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentificationTest {
    static final int DIM = 16;

    static float[] vec(double... pairs) {
        float[] v = new float[DIM];
        for (int i = 0; i < pairs.length; i += 2) {
            v[(int) pairs[i]] = (float) pairs[i + 1];
        }
        return v;
    }

    @Test
    void rankAndOpenSetFiguresByConstruction() {
        List<float[]> gallery = new ArrayList<>();
        List<Integer> galleryIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            gallery.add(vec(i, 1));
            galleryIds.add(i);
        }
        gallery.add(vec(0, 0.6, 8, 0.8)); // a second, worse image of identity 0
        galleryIds.add(0);

        List<float[]> probes = new ArrayList<>();
        List<Integer> probeIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            probes.add(vec(i, 0.9, 8 + i, Math.sqrt(1 - 0.81))); // score 0.9 to its own identity only
            probeIds.add(i);
        }
        // Two probes of identity 1 that look more like identity 2: rank 2, not rank 1.
        for (int k = 0; k < 2; k++) {
            probes.add(vec(1, 0.6, 2, 0.7, 15, Math.sqrt(0.15)));
            probeIds.add(1);
        }
        // 100 strangers whose best score is 0.005 * j (to identity 0).
        for (int j = 0; j < 100; j++) {
            double s = 0.005 * j;
            probes.add(vec(0, s, 9, Math.sqrt(1 - s * s)));
            probeIds.add(1000 + j);
        }
        IdentificationResult r = Identification.evaluate(gallery.toArray(new float[0][]),
                galleryIds.stream().mapToInt(Integer::intValue).toArray(), probes.toArray(new float[0][]),
                probeIds.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(10, r.matedProbes());
        assertEquals(100, r.nonMatedProbes());
        assertEquals(0.8, r.rank1(), 1e-12);
        assertEquals(1.0, r.rank5(), 1e-12);
        assertEquals(2, r.openSet().size());
        OperatingPoint p1 = r.openSet().get(0);
        assertEquals(0.1, p1.targetFalseRate());
        assertEquals(0.1, p1.achievedFalseRate(), 1e-12);
        assertEquals((float) (0.005 * 89), p1.threshold(), 1e-6);
        assertEquals(0.8, p1.trueRate(), 1e-12);
        OperatingPoint p2 = r.openSet().get(1);
        assertEquals(0.01, p2.achievedFalseRate(), 1e-12);
        assertEquals(0.8, p2.trueRate(), 1e-12);
    }

    @Test
    void strongStrangersLowerTheTpir() {
        float[][] gallery = {vec(0, 1), vec(1, 1)};
        // Mated probes score 0.9 and 0.5; ten strangers score 0.7: at FPIR 0.1 the threshold is 0.7.
        List<float[]> probes = new ArrayList<>(List.of(vec(0, 0.9, 5, Math.sqrt(0.19)), vec(1, 0.5, 6, Math.sqrt(0.75))));
        int[] ids = new int[12];
        ids[1] = 1;
        for (int j = 0; j < 10; j++) {
            probes.add(vec(0, 0.7, 7, Math.sqrt(0.51)));
            ids[2 + j] = 100 + j;
        }
        IdentificationResult r = Identification.evaluate(gallery, new int[] {0, 1}, probes.toArray(new float[0][]), ids,
                new double[] {0.1});
        assertEquals(1.0, r.rank1(), 1e-12);
        assertEquals(0.5, r.openSet().get(0).trueRate(), 1e-12);
        assertEquals(0.0, r.openSet().get(0).achievedFalseRate(), 1e-12);
    }

    @Test
    void galleryProbeSplitHoldsOutWholeIdentities() {
        int[] labels = new int[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 6;
        }
        GalleryProbeSplit s = GalleryProbeSplit.of(labels, 1, 0.2, 9);
        assertEquals(8, s.gallery().length);
        assertEquals(52, s.probes().length);
        Set<Integer> enrolled = new HashSet<>();
        Arrays.stream(s.gallery()).forEach(i -> enrolled.add(labels[i]));
        assertEquals(8, enrolled.size());
        long strangers = Arrays.stream(s.probes()).filter(i -> !enrolled.contains(labels[i])).count();
        assertEquals(12, strangers);
        assertTrue(Arrays.equals(s.gallery(), GalleryProbeSplit.of(labels, 1, 0.2, 9).gallery()));
    }
}
