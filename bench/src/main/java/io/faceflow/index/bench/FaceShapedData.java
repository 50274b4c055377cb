package io.faceflow.index.bench;

import io.faceflow.index.Vectors;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The default data mode: galleries drawn from the {@link FaceShape} of real embeddings. An
 * identity's centre is the fitted mean plus a draw from the fitted covariance scaled down to the
 * between-person share of the variance (total minus within), and each of its 1-3 templates is that
 * centre plus a draw from the fitted within-identity covariance, normalised. The templates then
 * have the real mean, the real total variance and the real within-person scatter. The centres take
 * the shape of the total covariance because the few people a shape is fitted from cannot give a
 * full-rank between-person covariance. Probes alternate between a fresh face of a random enrolled
 * person and a stranger drawn the same way.
 *
 * <p>Every identity and probe has its own random stream derived from the seed, so the data is
 * the same for a seed however many threads generate it.
 */
final class FaceShapedData {
    static final int MAX_TEMPLATES_PER_IDENTITY = 3;

    private final GaussianSampler centres;
    private final GaussianSampler spread;

    FaceShapedData(FaceShape shape) {
        double total = FaceShape.trace(shape.covariance());
        double within = FaceShape.trace(shape.within());
        if (!(within < total)) {
            throw new IllegalArgumentException("the face shape's within-identity variance (" + within + ") is not"
                    + " below its total variance (" + total + "): refit it from photos of more people");
        }
        double[][] between = new double[shape.dim()][];
        for (int i = 0; i < between.length; i++) {
            between[i] = shape.covariance()[i].clone();
            for (int j = 0; j < between[i].length; j++) {
                between[i][j] *= (total - within) / total;
            }
        }
        this.centres = new GaussianSampler(shape.mean(), between);
        this.spread = new GaussianSampler(new float[shape.dim()], shape.within());
    }

    BenchData generate(long seed, int size, int queries) {
        SplittableRandom master = new SplittableRandom(seed);
        int[] counts = new int[size];
        int people = 0;
        for (int total = 0; total < size; people++) {
            counts[people] = Math.min(size - total, 1 + master.nextInt(MAX_TEMPLATES_PER_IDENTITY));
            total += counts[people];
        }
        long[] identitySeeds = master.longs(people).toArray();
        int[] offsets = new int[people + 1];
        for (int p = 0; p < people; p++) {
            offsets[p + 1] = offsets[p] + counts[p];
        }
        float[][] vectors = new float[size][];
        int[] owner = new int[size];
        IntStream.range(0, people).parallel().forEach(p -> {
            SplittableRandom random = new SplittableRandom(identitySeeds[p]);
            float[] centre = centres.sample(random);
            for (int i = offsets[p]; i < offsets[p + 1]; i++) {
                vectors[i] = face(centre, random);
                owner[i] = p;
            }
        });
        int[] queryOwner = new int[queries];
        long[] querySeeds = new long[queries];
        for (int q = 0; q < queries; q++) {
            queryOwner[q] = q % 2 == 0 ? master.nextInt(people) : BenchData.STRANGER;
            querySeeds[q] = master.nextLong();
        }
        float[][] probes = new float[queries][];
        IntStream.range(0, queries).parallel().forEach(q -> {
            // An enrolled person's centre is redrawn from their own stream: the first draw of it.
            float[] centre = centres.sample(new SplittableRandom(
                    queryOwner[q] == BenchData.STRANGER ? querySeeds[q] : identitySeeds[queryOwner[q]]));
            probes[q] = face(centre, new SplittableRandom(querySeeds[q] ^ 0x9E3779B97F4A7C15L));
        });
        return new BenchData("face-shaped", people, vectors, owner, probes, queryOwner);
    }

    private float[] face(float[] centre, SplittableRandom random) {
        float[] noise = spread.sample(random);
        for (int i = 0; i < noise.length; i++) {
            noise[i] += centre[i];
        }
        return Vectors.normalise(noise);
    }
}
