package io.faceflow.streams.tracking;

import java.util.Arrays;

/** One unit-length embedding of a track and the quality of the face it came from, its weight in fusion. */
public record WeightedEmbedding(float[] vector, double quality) {
    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedEmbedding other && quality == other.quality && Arrays.equals(vector, other.vector);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(vector) + Double.hashCode(quality);
    }

    @Override
    public String toString() {
        return "WeightedEmbedding[dim=" + vector.length + ", quality=" + quality + "]";
    }
}
