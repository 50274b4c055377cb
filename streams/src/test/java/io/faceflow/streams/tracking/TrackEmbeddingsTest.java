package io.faceflow.streams.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackEmbeddingsTest {
    @Test
    void fusionWeighsEachEmbeddingByItsQuality() {
        float[] fused = TrackEmbeddings.NONE.add(new float[] {1, 0}, 0.9, 5).add(new float[] {0, 2}, 0.3, 5).fused();
        double norm = Math.hypot(0.9, 0.3);
        assertArrayEquals(new float[] {(float) (0.9 / norm), (float) (0.3 / norm)}, fused, 1e-6f);
    }

    @Test
    void theBestEmbeddingsAreKeptAndAllAreCounted() {
        TrackEmbeddings e = TrackEmbeddings.NONE;
        double[] qualities = {0.2, 0.8, 0.5, 0.1};
        for (double q : qualities) {
            e = e.add(new float[] {(float) q, 1}, q, 2);
        }
        assertEquals(List.of(0.8, 0.5), e.kept().stream().map(WeightedEmbedding::quality).toList());
        assertEquals(4, e.count());
        assertEquals(0.8, e.bestQuality());
    }

    @Test
    void noEmbeddingNoFusedVector() {
        assertNull(TrackEmbeddings.NONE.fused());
        assertEquals(0, TrackEmbeddings.NONE.bestQuality());
    }
}
