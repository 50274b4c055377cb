package io.faceflow.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.training.data.SyntheticIdentities;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.loss.MarginHeadConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    static final int EMBEDDING = 16;
    static SyntheticImages data;

    @TempDir
    Path dir;

    @BeforeAll
    static void render() {
        data = new SyntheticImages(new SyntheticIdentities(21, 32), 8, 16);
    }

    /** A stand-in for the iResNet: two strided convs with BN, global pooling, a linear embedding. */
    static Block tinyBackbone() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                        .setFilters(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                        .setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(EMBEDDING).build());
    }

    TrainingConfig config(int epochs, Path checkpoints, Path metrics) {
        return new TrainingConfig(epochs, 32, 0.9, 5e-4,
                new LrSchedule.WarmUp(new LrSchedule.Cosine(0.05, 0.005, 4L * 6), 2), 5.0, true, 7L, checkpoints, 3,
                metrics, false);
    }

    @Test
    void lossGoesDownOnSyntheticIdentities() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MarginHead head = new MarginHead(MarginHeadConfig.elasticCosPlus(), EMBEDDING, 8, 3);
            Path metrics = dir.resolve("metrics.jsonl");
            TrainingSummary s = new TrainingLoop(tinyBackbone(), head, config(6, null, metrics), manager).run(data);
            assertEquals(24, s.endStep());
            List<Double> means = s.epochMeanLosses();
            assertTrue(means.get(5) < 0.7 * means.get(0), "epoch mean losses should fall: " + means);
            List<String> lines = Files.readAllLines(metrics);
            assertEquals(24 + 6, lines.size());
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertEquals("step", first.get("type").asText());
            assertTrue(first.get("loss").asDouble() > 0);
            assertEquals(0.05 / 2, first.get("lr").asDouble(), 1e-12);
        }
    }

    @Test
    void distillationHoldsTheEmbeddingsNearTheParents() throws Exception {
        double free = drift(0, dir.resolve("free.jsonl"));
        double held = drift(20, dir.resolve("held.jsonl"));
        assertTrue(held < 0.5 * free, "mean 1 - cos to the parent's embeddings: " + held + " with distillation, " + free
                + " without");
        JsonNode step = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("held.jsonl")).get(5));
        assertTrue(step.get("distill").asDouble() > 0 && step.get("distill").asDouble() < step.get("loss").asDouble(),
                step.toString());
    }

    /** Trains a seeded tiny backbone for 4 epochs; returns the mean 1 - cos between its embeddings before and after. */
    private double drift(double weight, Path metrics) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block backbone = tinyBackbone();
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(7);
            int[] shape = data.imageShape();
            backbone.initialize(manager, DataType.FLOAT32, new Shape(32, shape[0], shape[1], shape[2]));
            FeatureDistillation parent = FeatureDistillation.compute(backbone, data, 1, 32, manager);
            MarginHead head = new MarginHead(MarginHeadConfig.elasticArcPlus(), EMBEDDING, 8, 3);
            new TrainingLoop(backbone, head, config(4, null, metrics), manager)
                    .run(data, weight > 0 ? FeatureDistillation.compute(backbone, data, weight, 32, manager) : null);
            FeatureDistillation child = FeatureDistillation.compute(backbone, data, 1, 32, manager);
            double sum = 0;
            for (int i = 0; i < data.size(); i++) {
                float[] a = parent.target(i, false);
                float[] b = child.target(i, false);
                double dot = 0;
                for (int k = 0; k < a.length; k++) {
                    dot += a[k] * b[k];
                }
                sum += 1 - dot;
            }
            return sum / data.size();
        }
    }

    @Test
    void resumeContinuesExactly() throws Exception {
        List<float[]> straight;
        List<Double> straightLosses;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block backbone = tinyBackbone();
            MarginHead head = new MarginHead(MarginHeadConfig.elasticArcPlus(), EMBEDDING, 8, 3);
            straightLosses = new TrainingLoop(backbone, head, config(3, dir.resolve("a"), null), manager).run(data).losses();
            straight = values(backbone, head);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // Stop after one epoch and a half: the mid-epoch checkpoint (every 3 steps) is where we pick up.
            TrainingConfig cfg = config(3, dir.resolve("b"), null);
            new TrainingLoop(tinyBackbone(), new MarginHead(MarginHeadConfig.elasticArcPlus(), EMBEDDING, 8, 3),
                    cfg.withEpochs(1), manager).run(data);
            Path latest = new Checkpoints(dir.resolve("b")).latest().orElseThrow();
            assertEquals("step-00000004", latest.getFileName().toString());
        }
        List<Double> resumedLosses;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block backbone = tinyBackbone();
            MarginHead head = new MarginHead(MarginHeadConfig.elasticArcPlus(), EMBEDDING, 8, 3);
            TrainingSummary s = new TrainingLoop(backbone, head, config(3, dir.resolve("b"), null), manager).run(data);
            assertEquals(4, s.startStep());
            assertEquals(12, s.endStep());
            resumedLosses = s.losses();
            List<float[]> resumed = values(backbone, head);
            assertEquals(straight.size(), resumed.size());
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i), resumed.get(i), 1e-6f, "parameter " + i);
            }
        }
        assertEquals(8, resumedLosses.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(straightLosses.get(4 + i), resumedLosses.get(i), 1e-5, "loss of step " + (5 + i));
        }
    }

    @Test
    void refusesMismatchedHeadAndTooLittleData() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MarginHead small = new MarginHead(MarginHeadConfig.arcFace(), EMBEDDING, 4, 1);
            Exception e = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingLoop(tinyBackbone(), small, config(1, null, null), manager).run(data));
            assertTrue(e.getMessage().contains("8 identities"), e.getMessage());
            MarginHead wrongSize = new MarginHead(MarginHeadConfig.arcFace(), 7, 8, 1);
            Exception f = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingLoop(tinyBackbone(), wrongSize, config(1, null, null), manager).run(data));
            assertTrue(f.getMessage().contains("expects [batch, 7]"), f.getMessage());
        }
    }

    @Test
    void schedulesAndClipping() {
        LrSchedule step = LrSchedule.reference();
        assertEquals(0.1, step.lr(7 * 100 + 99, 100), 1e-15);
        assertEquals(0.01, step.lr(8 * 100, 100), 1e-15);
        assertEquals(1e-5, step.lr(25 * 100, 100), 1e-15);
        LrSchedule cos = new LrSchedule.Cosine(1, 0, 10);
        assertEquals(1, cos.lr(0, 1), 1e-12);
        assertEquals(0.5, cos.lr(5, 1), 1e-12);
        assertEquals(0, cos.lr(10, 1), 1e-12);
        assertEquals(0.25, new LrSchedule.WarmUp(cos, 4).lr(0, 1), 1e-12);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(2))
                    .optInitializer(new ai.djl.training.initializer.ConstantInitializer(1)).build();
            p.initialize(manager, DataType.FLOAT32);
            p.getArray().setRequiresGradient(true);
            try (var gc = manager.getEngine().newGradientCollector()) {
                gc.backward(p.getArray().mul(manager.create(new float[] {3, 4})).sum());
            }
            assertEquals(5.0, TrainingLoop.clip(List.of(p), 1.0), 1e-6);
            assertArrayEquals(new float[] {0.6f, 0.8f}, p.getArray().getGradient().toFloatArray(), 1e-5f);
        }
        assertArrayEquals(TrainingLoop.shuffle(10, 1, 2), TrainingLoop.shuffle(10, 1, 2));
    }

    static List<float[]> values(Block backbone, MarginHead head) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : backbone.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        out.add(head.weight().getArray().toFloatArray());
        return out;
    }
}
