package io.faceflow.core.model;

import ai.djl.ndarray.NDArray;
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

    /**
     * Which forward path the slopes allow, remembered between inference passes: only training
     * changes slope arrays in place, and loading weights replaces the arrays, which the identity
     * check sees.
     */
    private record SlopeCheck(NDArray slopes, boolean unitInterval) {}

    private volatile SlopeCheck lastCheck;

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
        // DJL's PyTorch engine has no native prelu. With slopes in [0, 1), prelu(x) = max(x, a*x):
        // two element-wise kernels, measured 2-3x faster than the general select, which stays the
        // fallback for slopes that training pushed outside that range.
        if (slopesInUnitInterval(slope, training)) {
            return new NDList(x.maximum(x.mul(perChannel)));
        }
        return new NDList(NDArrays.where(x.gt(0), x, x.mul(perChannel)));
    }

    private boolean slopesInUnitInterval(NDArray slope, boolean training) {
        SlopeCheck check = lastCheck;
        if (training || check == null || check.slopes() != slope) {
            check = new SlopeCheck(slope, slope.min().getFloat() >= 0 && slope.max().getFloat() < 1);
            // Training updates the slopes in place, so its checks are never reused.
            lastCheck = training ? null : check;
        }
        return check.unitInterval();
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
