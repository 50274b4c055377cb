package io.faceflow.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Face-like synthetic embeddings: templates of a person lie close around that person's centre. */
public final class TestVectors {
    private TestVectors() {}

    public static float[] random(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Vectors.normalise(v);
    }

    /** A unit vector near {@code centre}; noise 0.3 gives cosine about 0.9 to it at any dimension. */
    public static float[] near(Random r, float[] centre, double noise) {
        float[] v = new float[centre.length];
        double scale = noise / Math.sqrt(centre.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) (r.nextGaussian() * scale);
        }
        return Vectors.normalise(v);
    }

    /** {@code count} people, "p000".., each with {@code templates} faces; centres returned via {@code centres}. */
    public static List<Identity> people(Random r, int count, int templates, int dim, List<float[]> centres,
                                        Map<String, String> metadata) {
        List<Identity> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            float[] centre = random(r, dim);
            centres.add(centre);
            List<Template> ts = new ArrayList<>();
            for (int t = 0; t < templates; t++) {
                ts.add(new Template("t" + t, near(r, centre, 0.3)));
            }
            out.add(new Identity(String.format("p%03d", p), "Person " + p, metadata, ts));
        }
        return out;
    }
}
