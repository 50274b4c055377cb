package io.faceflow.training.train;

/**
 * What the loop trains on: indexed images with identity labels in [0, classes).
 * Images come as CHW floats already normalised for the backbone.
 */
public interface LabelledImages {
    int size();

    int classes();

    int label(int index);

    /** [channels, height, width] of every image. */
    int[] imageShape();

    float[] image(int index);
}
