package io.faceflow.index.bench;

import io.faceflow.index.Vectors;
import java.util.Random;

/**
 * Synthetic embeddings shaped like face embeddings: people are random directions, and each face of
 * a person is that direction plus noise (cosine about 0.78 to the centre, about 0.6 between two
 * faces of one person, about 0 between people), as with a trained face model. Uniform noise would
 * make every neighbour equally far and tell nothing about a face gallery.
 */
final class FaceLikeData {
    static final double FACE_NOISE = 0.8;

    private final Random random;
    private final int dim;

    FaceLikeData(long seed, int dim) {
        this.random = new Random(seed);
        this.dim = dim;
    }

    float[] centre() {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalise(v);
    }

    float[] face(float[] centre) {
        float[] v = new float[dim];
        double scale = FACE_NOISE / Math.sqrt(dim);
        for (int i = 0; i < dim; i++) {
            v[i] = centre[i] + (float) (random.nextGaussian() * scale);
        }
        return Vectors.normalise(v);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
