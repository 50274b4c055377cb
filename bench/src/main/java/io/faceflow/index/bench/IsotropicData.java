package io.faceflow.index.bench;

import io.faceflow.index.Vectors;
import java.util.Random;

/**
 * The pessimistic data mode ({@code --data isotropic}): people are random directions in the whole
 * space, and each face of a person is that direction plus isotropic noise (cosine about 0.78 to
 * the centre, about 0.6 between two faces of one person, about 0 between people). Strangers are
 * then nearly tied in the narrow tail of isotropic noise, the worst case for a graph index.
 * Every query is a fresh face of an enrolled person.
 */
final class IsotropicData {
    static final double FACE_NOISE = 0.8;

    private final Random random;
    private final int dim;

    private IsotropicData(long seed, int dim) {
        this.random = new Random(seed);
        this.dim = dim;
    }

    static BenchData generate(long seed, int dim, int size, int templatesPerIdentity, int queries) {
        IsotropicData data = new IsotropicData(seed, dim);
        int people = Math.max(1, size / templatesPerIdentity);
        float[][] centres = new float[people][];
        float[][] vectors = new float[people * templatesPerIdentity][];
        int[] owner = new int[vectors.length];
        int k = 0;
        for (int p = 0; p < people; p++) {
            centres[p] = data.centre();
            for (int t = 0; t < templatesPerIdentity; t++) {
                vectors[k] = data.face(centres[p]);
                owner[k++] = p;
            }
        }
        float[][] probes = new float[queries][];
        int[] probeOwner = new int[queries];
        for (int q = 0; q < queries; q++) {
            probeOwner[q] = data.random.nextInt(people);
            probes[q] = data.face(centres[probeOwner[q]]);
        }
        return new BenchData("isotropic", people, vectors, owner, probes, probeOwner);
    }

    private float[] centre() {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalise(v);
    }

    private float[] face(float[] centre) {
        float[] v = new float[dim];
        double scale = FACE_NOISE / Math.sqrt(dim);
        for (int i = 0; i < dim; i++) {
            v[i] = centre[i] + (float) (random.nextGaussian() * scale);
        }
        return Vectors.normalise(v);
    }
}
