package io.faceflow.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A face-recognition backbone architecture: 112x112 crops in, a 512-d embedding out. Bundles name
 * one by {@link #id()}; {@link Backbones#parse} turns the name back into the architecture.
 */
public interface Backbone {
    int INPUT_SIZE = 112;
    int EMBEDDING_SIZE = 512;
    Shape INPUT_SHAPE = new Shape(1, 3, INPUT_SIZE, INPUT_SIZE);

    /** The name used on the command line and in bundle manifests, e.g. {@code iresnet50}. */
    String id();

    /** An uninitialised network; {@code dropout} applies where the architecture has a dropout layer. */
    Block build(float dropout);

    /** Allocates the parameters for a 112x112 input, then {@link #afterLoad}. */
    default void initialize(Block backbone, NDManager manager, DataType dataType) {
        backbone.initialize(manager, dataType, INPUT_SHAPE);
        afterLoad(backbone);
    }

    /** Re-applies what a weights file does not carry (which parameters stay frozen); call after loading. */
    void afterLoad(Block backbone);

    /** The input convention the architecture is trained with. */
    InputSpec input();

    /** Multiply-adds of one forward pass, times two (convolutions and fully-connected layers only). */
    long flopsPerImage();
}
