package io.faceflow.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.faceflow.core.embed.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IResNetTest {

    /** Counts of the reference PyTorch architecture, the frozen embedding scale included. */
    @ParameterizedTest
    @CsvSource({"iresnet18, 24025600", "iresnet34, 34139328", "iresnet50, 43590848", "iresnet100, 65156160"})
    void parameterCountsMatchTheReference(String arch, long expected) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Backbone a = Backbones.parse(arch);
            Block backbone = a.build(0f);
            a.initialize(backbone, manager, DataType.FLOAT32);
            assertEquals(expected, Backbones.countParameters(backbone));
        }
    }

    @Test
    void embedsABatchInto512Dimensions() {
        try (Model model = newModel(0f)) {
            NDManager m = model.getNDManager();
            NDArray out = forward(model, m.randomNormal(new Shape(3, 3, 112, 112)), false);
            assertEquals(new Shape(3, 512), out.getShape());
            assertFalse(Float.isNaN(out.sum().getFloat()));
        }
    }

    @Test
    void onlyTheEmbeddingScaleIsFrozen() {
        try (Model model = newModel(0f)) {
            Parameter lastScale = null;
            int frozen = 0;
            for (var p : model.getBlock().getParameters()) {
                boolean state = p.getValue().getType() == Parameter.Type.RUNNING_MEAN
                        || p.getValue().getType() == Parameter.Type.RUNNING_VAR;
                if (!state && !p.getValue().requiresGradient()) {
                    frozen++;
                    lastScale = p.getValue();
                }
            }
            assertEquals(1, frozen);
            assertEquals(Parameter.Type.GAMMA, lastScale.getType());
            assertEquals(new Shape(512), lastScale.getShape());
        }
    }

    @Test
    void evalModeIsDeterministicAndIndependentOfTheBatch() {
        try (Model model = newModel(0.4f)) {
            NDManager m = model.getNDManager();
            NDArray batch = m.randomNormal(new Shape(4, 3, 112, 112));
            // Compared after normalisation: a random network's raw outputs are huge (~1e7).
            float[] whole = Vectors.normalize(forward(model, batch, false).get(0).toFloatArray());
            float[] again = Vectors.normalize(forward(model, batch, false).get(0).toFloatArray());
            float[] alone = Vectors.normalize(forward(model, batch.get("0:1"), false).get(0).toFloatArray());
            assertArrayEquals(whole, again, 0f, "eval forward must be deterministic (dropout off)");
            assertArrayEquals(whole, alone, 1e-5f, "eval BN uses running statistics, not the batch's");
        }
    }

    @Test
    void trainModeUsesBatchStatisticsAndDropout() {
        try (Model model = newModel(0.4f)) {
            NDManager m = model.getNDManager();
            NDArray batch = m.randomNormal(new Shape(4, 3, 112, 112));
            float[] first = forward(model, batch, true).get(0).toFloatArray();
            float[] second = forward(model, batch, true).get(0).toFloatArray();
            assertFalse(java.util.Arrays.equals(first, second), "dropout must make training passes differ");
        }
        try (Model model = newModel(0f)) {
            NDManager m = model.getNDManager();
            NDArray batch = m.randomNormal(new Shape(4, 3, 112, 112));
            Parameter runningMean = firstOfType(model.getBlock(), Parameter.Type.RUNNING_MEAN);
            float[] before = runningMean.getArray().toFloatArray();
            float[] evalOut = forward(model, batch, false).get(0).toFloatArray();
            assertArrayEquals(before, runningMean.getArray().toFloatArray(), 0f, "eval must not update BN state");
            float[] trainA = forward(model, batch, true).get(0).toFloatArray();
            assertFalse(java.util.Arrays.equals(before, runningMean.getArray().toFloatArray()),
                    "training must update BN running statistics");
            float[] trainB = forward(model, batch, true).get(0).toFloatArray();
            assertArrayEquals(trainA, trainB, 1e-5f, "without dropout, training passes use only batch statistics");
            assertFalse(java.util.Arrays.equals(evalOut, trainA), "train and eval BN must differ");
        }
    }

    @Test
    void flopsGrowWithDepth() {
        assertTrue(IResNetArch.IRESNET18.flopsPerImage() < IResNetArch.IRESNET50.flopsPerImage());
        // iresnet50 on 112x112 is about 6.3 GFLOPs (12.6 counting multiply and add separately).
        assertEquals(12.6e9, IResNetArch.IRESNET50.flopsPerImage(), 0.6e9);
    }

    private static Parameter firstOfType(Block block, Parameter.Type type) {
        for (var p : block.getParameters()) {
            if (p.getValue().getType() == type) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter of type " + type);
    }

    private static Model newModel(float dropout) {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        Model model = Model.newInstance("test", Device.cpu(), "PyTorch");
        Block backbone = IResNet.build(IResNetArch.IRESNET18, dropout);
        model.setBlock(backbone);
        IResNetArch.IRESNET18.initialize(backbone, model.getNDManager(), DataType.FLOAT32);
        return model;
    }

    private static NDArray forward(Model model, NDArray input, boolean training) {
        NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(input), training);
        return out.singletonOrThrow();
    }
}
