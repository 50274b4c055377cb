package io.faceflow.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both forward paths (slopes in [0, 1) and any other slopes) give PReLU's values and gradients. */
class ChannelPreluTest {

    @ParameterizedTest
    @ValueSource(floats = {0.25f, 1.5f, -0.3f})
    void matchesTheDefinitionForwardAndBackward(float slopeOfChannelOne) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            ChannelPrelu prelu = new ChannelPrelu();
            prelu.initialize(m, DataType.FLOAT32, new Shape(1, 2, 2, 2));
            Parameter alpha = prelu.getParameters().get("alpha");
            alpha.getArray().set(new float[] {0.1f, slopeOfChannelOne});
            float[] in = {-2, -1, 1, 2, -4, 3, -0.5f, 0.5f};
            NDArray x = m.create(in, new Shape(1, 2, 2, 2));
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = prelu.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                out = y.toFloatArray();
                gc.backward(y.sum());
            }
            float a = slopeOfChannelOne;
            assertArrayEquals(new float[] {-0.2f, -0.1f, 1, 2, -4 * a, 3, -0.5f * a, 0.5f}, out, 1e-6f);
            assertArrayEquals(new float[] {0.1f, 0.1f, 1, 1, a, 1, a, 1}, x.getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {-3f, -4.5f}, alpha.getArray().getGradient().toFloatArray(), 1e-6f);
        }
    }

    /** Inference remembers which path the slopes allow; new slope arrays (loaded weights) are checked again. */
    @ParameterizedTest
    @ValueSource(floats = {0.25f, 1.5f})
    void inferenceRechecksReplacedSlopes(float newSlope) throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Shape shape = new Shape(1, 1, 1, 2);
            ChannelPrelu prelu = new ChannelPrelu();
            prelu.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.create(new float[] {-2, 2}, shape);
            assertArrayEquals(new float[] {-0.5f, 2}, eval(prelu, m, x), 1e-6f);
            assertArrayEquals(new float[] {-0.5f, 2}, eval(prelu, m, x), 1e-6f);

            ChannelPrelu other = new ChannelPrelu();
            other.initialize(m, DataType.FLOAT32, shape);
            other.getParameters().get("alpha").getArray().set(new float[] {newSlope});
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            other.saveParameters(new DataOutputStream(saved));
            prelu.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
            assertArrayEquals(new float[] {-2 * newSlope, 2}, eval(prelu, m, x), 1e-6f);
        }
    }

    private static float[] eval(ChannelPrelu prelu, NDManager m, NDArray x) {
        return prelu.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }
}
