package io.faceflow.core.model;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU with one learned slope per channel (DJL's own Prelu learns a single slope), so the
 * parameter layout matches the reference iResNet.
 */
public final class ChannelPrelu extends AbstractBlock {
    private static final float INITIAL_SLOPE = 0.25f;

    private final Parameter alpha;

    public ChannelPrelu() {
        alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(INITIAL_SLOPE))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        var slope = store.getValue(alpha, x.getDevice(), training);
        var perChannel = x.getShape().dimension() == 4 ? slope.reshape(1, -1, 1, 1) : slope.reshape(1, -1);
        // The PyTorch engine of DJL has no native prelu; three element-wise kernels stand in.
        return new NDList(NDArrays.where(x.gt(0), x, x.mul(perChannel)));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        alpha.setShape(new Shape(inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
