package io.faceflow.training.loss;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Warm start for a margin head on a pretrained backbone: each class centre is the identity's mean
 * normalised embedding, so the first steps already see sensible logits and the loss does not send
 * large random gradients into a backbone that is good already.
 */
public final class ClassCentres {
    private ClassCentres() {}

    /**
     * Sets {@code head}'s W [embedding, classes] column c to the normalised mean of the normalised
     * {@code embeddings} labelled c; initialises the head first when needed.
     */
    public static void fromMeans(MarginHead head, float[][] embeddings, int[] labels, NDManager manager) {
        int e = head.embeddingSize();
        int c = head.classes();
        double[][] sums = new double[c][e];
        int[] counts = new int[c];
        for (int i = 0; i < embeddings.length; i++) {
            double norm = norm(embeddings[i]);
            for (int k = 0; k < e; k++) {
                sums[labels[i]][k] += embeddings[i][k] / norm;
            }
            counts[labels[i]]++;
        }
        float[] w = new float[e * c];
        for (int cls = 0; cls < c; cls++) {
            if (counts[cls] == 0) {
                throw new IllegalArgumentException("class " + cls + " has no embedding to start its centre from");
            }
            double norm = 0;
            for (double v : sums[cls]) {
                norm += v * v;
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int k = 0; k < e; k++) {
                w[k * c + cls] = (float) (sums[cls][k] / norm);
            }
        }
        if (!head.isInitialized()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(1, e), new Shape(1));
        }
        head.weight().getArray().set(java.nio.FloatBuffer.wrap(w));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.max(Math.sqrt(s), 1e-12);
    }
}
