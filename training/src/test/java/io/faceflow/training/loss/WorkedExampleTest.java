package io.faceflow.training.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The worked example of elasticface.md, margin assignment orders, and numerical safety. */
class WorkedExampleTest {
    static final double[][] COS = {{.2, .1, -.3}, {.4, .9, 0}, {.5, -.2, .1}, {.3, .7, .6}};
    static final long[] LABELS = {0, 1, 0, 2};
    static final double[] MARGINS = {.52, .47, .55, .49};

    @Test
    void arcLogitsAndLoss() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray y = manager.create(LABELS);
            NDArray logits = MarginHead.applyMargin(manager.create(COS), y, MARGINS, MarginHeadConfig.elasticArc());
            double[] expected = {-20.049746, 6.4, -19.2, 25.6, 38.720186, 0, -1.689482, -12.8, 6.4, 19.2, 44.8, 9.785536};
            assertArrayEquals(expected, logits.toDoubleArray(), 1e-6);
            assertEquals(17.388500, SoftmaxCrossEntropy.mean(logits, y).getDouble(), 1e-6);
        }
    }

    @Test
    void cosTargetsAndLoss() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray y = manager.create(LABELS);
            NDArray logits = MarginHead.applyMargin(manager.create(COS), y, MARGINS, MarginHeadConfig.elasticCos());
            double[] l = logits.toDoubleArray();
            double[] targets = {l[0], l[3 + 1], l[6], l[9 + 2]};
            assertArrayEquals(new double[] {-20.48, 27.52, -3.2, 7.04}, targets, 1e-9);
            assertEquals(18.594219, SoftmaxCrossEntropy.mean(logits, y).getDouble(), 1e-6);
        }
    }

    @Test
    void plusAssignmentBothOrders() {
        double[] cosY = {.2, .9, .5, .6};
        assertArrayEquals(new double[] {.55, .47, .52, .49},
                MarginSampler.assign(MARGINS, cosY, PlusAssignment.PAPER), 0);
        assertArrayEquals(new double[] {.49, .55, .52, .47},
                MarginSampler.assign(MARGINS, cosY, PlusAssignment.REFERENCE_GATHER), 0);
    }

    @Test
    void plusHeadUsesAssignedMarginsInLogits() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray y = manager.create(LABELS);
            double[] paper = MarginHead.applyMargin(manager.create(COS), y, MARGINS,
                    MarginHeadConfig.elasticCosPlus()).toDoubleArray();
            // Paper order: sample 0 (cos_y .2, farthest) gets the largest margin .55.
            assertEquals(64 * (.2 - .55), paper[0], 1e-9);
            assertEquals(64 * (.9 - .47), paper[4], 1e-9);
            double[] code = MarginHead.applyMargin(manager.create(COS), y, MARGINS,
                    MarginHeadConfig.elasticCosPlus().withAssignment(PlusAssignment.REFERENCE_GATHER)).toDoubleArray();
            assertEquals(64 * (.2 - .49), code[0], 1e-9);
            assertEquals(64 * (.9 - .55), code[4], 1e-9);
        }
    }

    @Test
    void noNanAtCosineOneAndMinusOneOrPastPi() {
        for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            for (MarginHeadConfig config : new MarginHeadConfig[] {MarginHeadConfig.arcFace(),
                    MarginHeadConfig.elasticArcPlus(), MarginHeadConfig.cosFace()}) {
                try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                    // Row 0: cos_y = 1 exactly; row 1: cos_y = -1 exactly; row 2: acos(-0.95)+0.5 > pi.
                    NDArray e = manager.create(new double[][] {{1, 0, 0}, {-1, 0, 0}, {-0.95, Math.sqrt(1 - 0.95 * 0.95), 0}})
                            .toType(dtype, false);
                    NDArray k = manager.create(new double[][] {{1, 0}, {0, 1}, {0, 0}}).toType(dtype, false);
                    NDArray y = manager.create(new long[] {0, 0, 0});
                    e.setRequiresGradient(true);
                    k.setRequiresGradient(true);
                    NDArray logits;
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        logits = MarginHead.logits(e, k, y, new double[] {.5, .5, .5}, config);
                        gc.backward(SoftmaxCrossEntropy.mean(logits, y));
                    }
                    assertFinite(config.name() + " logits " + dtype, logits);
                    assertFinite(config.name() + " grad e " + dtype, e.getGradient());
                    assertFinite(config.name() + " grad W " + dtype, k.getGradient());
                    if (config.type() == MarginType.ARC) {
                        // Past pi the target logit follows cos further (no fallback): cos(acos(-.95) + .5).
                        double expected = 64 * Math.cos(Math.acos(-0.95) + 0.5);
                        double tolerance = dtype == DataType.FLOAT32 ? 1e-3 : 1e-6;
                        // At exactly +-1 the acos guard shifts the angle by sqrt(2 * guard).
                        double edgeTolerance = dtype == DataType.FLOAT32 ? 0.02 : 1e-4;
                        double[] l = logits.toType(DataType.FLOAT64, false).toDoubleArray();
                        if (!config.plus()) {
                            assertEquals(expected, l[4], tolerance);
                            assertEquals(64 * Math.cos(0.5), l[0], edgeTolerance);
                            assertEquals(64 * Math.cos(Math.PI + 0.5), l[2], edgeTolerance);
                        }
                    }
                }
            }
        }
    }

    @Test
    void blockTrainsThroughParameterStoreAndDrawsSeededMargins() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MarginHead head = new MarginHead(MarginHeadConfig.elasticArc(), 4, 3, 7L);
            head.initialize(manager, DataType.FLOAT32, new Shape(2, 4), new Shape(2));
            double[] w = head.weight().getArray().toType(DataType.FLOAT64, false).toDoubleArray();
            double sumSq = 0;
            for (double v : w) {
                sumSq += v * v;
            }
            double std = Math.sqrt(sumSq / w.length);
            assertTrue(std > 0.002 && std < 0.03, "W should start near normal(0, 0.01), std " + std);
            NDArray e = manager.randomNormal(new Shape(2, 4));
            NDArray y = manager.create(new long[] {0, 2});
            ParameterStore ps = new ParameterStore(manager, false);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = head.forward(ps, new NDList(e, y), true).singletonOrThrow();
                assertEquals(new Shape(2, 3), logits.getShape());
                gc.backward(SoftmaxCrossEntropy.mean(logits, y));
            }
            assertFinite("W grad", head.weight().getArray().getGradient());
            assertEquals(1, head.step());
        }
        MarginSampler a = new MarginSampler(MarginHeadConfig.elasticArc(), 42);
        MarginSampler b = new MarginSampler(MarginHeadConfig.elasticArc(), 42);
        assertArrayEquals(a.draw(5, 128), b.draw(5, 128), 0);
        assertFalse(java.util.Arrays.equals(a.draw(5, 128), a.draw(6, 128)));
        double[] many = a.draw(0, 20000);
        double mean = java.util.Arrays.stream(many).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(many).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        assertEquals(0.5, mean, 0.002);
        assertEquals(0.05, sd, 0.002);
        assertArrayEquals(new double[] {.5, .5}, new MarginSampler(MarginHeadConfig.arcFace(), 1).draw(3, 2), 0);
    }

    @Test
    void configDefaultsAndErrors() {
        assertEquals(0.0175, MarginHeadConfig.elasticArcPlus().std());
        assertEquals(0.02, MarginHeadConfig.elasticCosPlus().std());
        assertEquals(PlusAssignment.PAPER, MarginHeadConfig.byName("elastic-cos+").assignment());
        assertEquals(MarginHeadConfig.cosFace(), MarginHeadConfig.byName("CosFace"));
        assertNotEquals(MarginHeadConfig.arcFace(), MarginHeadConfig.elasticArc());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> MarginHeadConfig.byName("sphereface"));
        assertTrue(ex.getMessage().contains("elastic-arc"));
    }

    static void assertFinite(String what, NDArray a) {
        for (double v : a.toType(DataType.FLOAT64, false).toDoubleArray()) {
            assertTrue(Double.isFinite(v), what + " has a non-finite value: " + v);
        }
    }
}
