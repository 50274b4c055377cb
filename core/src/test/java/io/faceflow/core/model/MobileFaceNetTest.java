package io.faceflow.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class MobileFaceNetTest {
    /**
     * The float weights of the published fr_feature.onnx; the file's 1,190,338 initializer values
     * also count the two int64 entries of its final Reshape's target shape, which are not parameters.
     */
    static final long PRETRAINED_PARAMETERS = 1_190_336;

    @Test
    void layoutHasThePretrainedModelsParameterCount() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block net = MobileFaceNet.ARCH.build(0f);
            MobileFaceNet.ARCH.initialize(net, manager, DataType.FLOAT32);
            assertEquals(PRETRAINED_PARAMETERS, Backbones.countParameters(net));
            var out = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(new Shape(2, 3, 112, 112))), false).singletonOrThrow();
            assertEquals(new Shape(2, 512), out.getShape());
        }
    }

    @Test
    void flopsMatchThePaper() {
        // Chen et al. 2018 report 221 million multiply-adds for MobileFaceNet at 112x112.
        assertEquals(2 * 221e6, MobileFaceNet.ARCH.flopsPerImage(), 2 * 10e6);
    }

    @Test
    void theFactoryKnowsEveryArchitecture() {
        assertEquals(MobileFaceNet.ARCH, Backbones.parse(" MobileFaceNet "));
        assertEquals(IResNetArch.IRESNET50, Backbones.parse("iresnet50"));
    }
}
