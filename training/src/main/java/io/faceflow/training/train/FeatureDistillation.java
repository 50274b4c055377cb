package io.faceflow.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.faceflow.training.data.HorizontalFlip;

/**
 * Keeps a fine-tuned backbone's embeddings of its training images close to its parent's (feature
 * distillation): the loss gains {@code weight} times the batch mean of {@code ||n(f(x)) - n(p(x))||²},
 * n being L2 normalisation. For unit vectors that is 2 - 2 cos, the quantity verification thresholds,
 * so the term holds on to exactly what the product compares. The parent is frozen, so its
 * embeddings of every training image, as given and mirrored (the loop's only augmentation), are
 * computed once before the first step.
 */
public final class FeatureDistillation {
    private final double weight;
    private final float[][] plain;
    private final float[][] mirrored;

    private FeatureDistillation(double weight, float[][] plain, float[][] mirrored) {
        this.weight = weight;
        this.plain = plain;
        this.mirrored = mirrored;
    }

    /**
     * Embeds every image of {@code data} with {@code parent} (inference mode), as given and mirrored.
     *
     * @param weight the term's weight in the loss, > 0
     */
    public static FeatureDistillation compute(Block parent, LabelledImages data, double weight, int batch,
            NDManager manager) {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("distillation weight must be positive, got " + weight);
        }
        int[] shape = data.imageShape();
        int per = shape[0] * shape[1] * shape[2];
        float[][] plain = new float[data.size()][];
        float[][] mirrored = new float[data.size()][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < data.size(); start += batch) {
            int n = Math.min(batch, data.size() - start);
            float[] asGiven = new float[n * per];
            float[] flipped = new float[n * per];
            for (int i = 0; i < n; i++) {
                float[] image = data.image(start + i);
                System.arraycopy(image, 0, asGiven, i * per, per);
                System.arraycopy(HorizontalFlip.flipChw(image, shape[0], shape[1], shape[2]), 0, flipped, i * per, per);
            }
            Shape input = new Shape(n, shape[0], shape[1], shape[2]);
            embedInto(parent, store, manager, asGiven, input, plain, start);
            embedInto(parent, store, manager, flipped, input, mirrored, start);
        }
        return new FeatureDistillation(weight, plain, mirrored);
    }

    private static void embedInto(Block parent, ParameterStore store, NDManager manager, float[] pixels, Shape input,
            float[][] out, int start) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray e = normalised(parent.forward(store, new NDList(scope.create(pixels, input)), false).head());
            long size = e.getShape().get(1);
            float[] flat = e.toFloatArray();
            for (int i = 0; i < input.get(0); i++) {
                float[] row = new float[(int) size];
                System.arraycopy(flat, (int) (i * size), row, 0, (int) size);
                out[start + i] = row;
            }
        }
    }

    /** Rows scaled to unit length (a zero row stays finite). */
    static NDArray normalised(NDArray embeddings) {
        return embeddings.div(embeddings.square().sum(new int[] {1}, true).sqrt().add(1e-12f));
    }

    public double weight() {
        return weight;
    }

    public int size() {
        return plain.length;
    }

    /** The parent's unit embedding of image {@code index}, mirrored or not. */
    public float[] target(int index, boolean flipped) {
        return flipped ? mirrored[index] : plain[index];
    }

    /** The term for a batch: weight times the mean squared distance of the normalised rows to the targets. */
    NDArray term(NDArray embeddings, NDArray targets) {
        return normalised(embeddings).sub(targets).square().sum(new int[] {1}).mean().mul(weight);
    }
}
