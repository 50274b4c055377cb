package io.faceflow.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataToolsTest {
    @Test
    void identitySplitIsDisjointCompleteAndSeeded() {
        int[] labels = new int[200];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 40;
        }
        IdentitySplit a = IdentitySplit.of(labels, 0.2, 11);
        assertEquals(8, a.validation().size());
        assertEquals(32, a.train().size());
        Set<Integer> both = new HashSet<>(a.train());
        both.retainAll(a.validation());
        assertTrue(both.isEmpty());
        assertEquals(a, IdentitySplit.of(labels, 0.2, 11));
        assertNotEquals(a.validation(), IdentitySplit.of(labels, 0.2, 12).validation());
        int[] val = IdentitySplit.indicesOf(labels, a.validation());
        assertEquals(40, val.length);
        for (int i : val) {
            assertTrue(a.validation().contains(labels[i]));
        }
        assertEquals(1, IdentitySplit.of(new int[] {1, 2}, 0.01, 1).validation().size());
    }

    @Test
    void syntheticIdentitiesAreDeterministicAndClusterByIdentity() {
        SyntheticIdentities ids = new SyntheticIdentities(5);
        BufferedImage img = ids.image(3, 0);
        assertEquals(112, img.getWidth());
        assertEquals(112, img.getHeight());
        assertArrayEquals(FaceImages.toChw(img), FaceImages.toChw(ids.image(3, 0)));
        int closer = 0;
        int trials = 0;
        for (int id = 0; id < 6; id++) {
            float[] a = FaceImages.toChw(ids.image(id, 0));
            float[] same = FaceImages.toChw(ids.image(id, 1));
            float[] other = FaceImages.toChw(ids.image(id + 1, 1));
            trials++;
            if (distance(a, same) < distance(a, other)) {
                closer++;
            }
        }
        assertEquals(trials, closer, "each image should be nearer its own identity's other sample");
    }

    @Test
    void flipMirrorsAndIsItsOwnInverse() {
        BufferedImage img = new SyntheticIdentities(1, 20).image(0, 0);
        BufferedImage flipped = HorizontalFlip.flip(img);
        assertEquals(img.getRGB(0, 5), flipped.getRGB(19, 5));
        assertEquals(img.getRGB(7, 11), flipped.getRGB(12, 11));
        float[] chw = FaceImages.toChw(img);
        float[] f = HorizontalFlip.flipChw(chw, 3, 20, 20);
        assertArrayEquals(FaceImages.toChw(flipped), f);
        assertArrayEquals(chw, HorizontalFlip.flipChw(f, 3, 20, 20));
        float[] pixelRange = FaceImages.toChw(img);
        for (float v : pixelRange) {
            assertTrue(v >= -1 && v <= 1);
        }
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            ai.djl.ndarray.NDArray t = m.create(chw, new ai.djl.ndarray.types.Shape(1, 3, 20, 20));
            assertArrayEquals(f, HorizontalFlip.flip(t).toFloatArray());
        }
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
