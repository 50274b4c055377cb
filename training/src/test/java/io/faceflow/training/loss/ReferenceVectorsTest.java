package io.faceflow.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces elasticface_vectors.json (the authors' code run in float64 with fixed margins).
 *
 * <p>What the file holds, checked against the numbers: embeddings are raw; the head sees them
 * L2-normalised; gradients are w.r.t. the raw embeddings and the raw kernel (through both
 * normalisations); cross-entropy is the batch mean; the "+" cases use the code's gather order.
 */
class ReferenceVectorsTest {
    static final double TOLERANCE = 1e-6;
    static JsonNode root;
    static double worst;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("/elasticface_vectors.json")) {
            root = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("ElasticFace reference vectors: max relative error %.3e%n", worst);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("/elasticface_vectors.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                out.add(Arguments.of(c.get("name").asText()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.stream();
    }

    static MarginHeadConfig configFor(String name) {
        return switch (name) {
            case "ArcFace" -> MarginHeadConfig.arcFace();
            case "CosFace" -> MarginHeadConfig.cosFace();
            case "ElasticArcFace" -> MarginHeadConfig.elasticArc();
            case "ElasticArcFacePlus" -> MarginHeadConfig.elasticArcPlus().withAssignment(PlusAssignment.REFERENCE_GATHER);
            case "ElasticCosFace" -> MarginHeadConfig.elasticCos();
            case "ElasticCosFacePlus" -> MarginHeadConfig.elasticCosPlus().withAssignment(PlusAssignment.REFERENCE_GATHER);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesReference(String name) {
        JsonNode c = null;
        for (JsonNode n : root.get("cases")) {
            if (n.get("name").asText().equals(name)) {
                c = n;
            }
        }
        MarginHeadConfig config = configFor(name);
        assertEquals(root.get("s").asDouble(), config.scale());
        JsonNode params = c.get("params");
        assertEquals(params.get("m").asDouble(), config.margin(), 1e-12);
        if (params.has("std")) {
            assertEquals(params.get("std").asDouble(), config.std(), 1e-12);
            assertEquals(params.get("plus").asBoolean(), config.plus());
        }

        double[][] embeddings = matrix(root.get("embeddings"));
        double[][] kernelValues = matrix(root.get("kernel"));
        long[] labels = new long[embeddings.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = root.get("labels").get(i).asLong();
        }
        double[] margins = new double[labels.length];
        JsonNode jm = c.get("margins");
        for (int i = 0; i < margins.length; i++) {
            margins[i] = jm == null || jm.isNull() ? config.margin() : jm.get(i).asDouble();
        }

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray e = manager.create(embeddings);
            NDArray k = manager.create(kernelValues);
            NDArray y = manager.create(labels);
            e.setRequiresGradient(true);
            k.setRequiresGradient(true);
            NDArray logits;
            NDArray loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                logits = MarginHead.logits(e, k, y, margins, config);
                loss = SoftmaxCrossEntropy.mean(logits, y);
                gc.backward(loss);
            }
            check(name + " logits", matrix(c.get("logits")), logits);
            check(name + " cross-entropy", new double[][] {{c.get("cross_entropy").asDouble()}}, loss.reshape(1, 1));
            check(name + " grad embeddings", matrix(c.get("grad_embeddings")), e.getGradient());
            check(name + " grad kernel", matrix(c.get("grad_kernel")), k.getGradient());
        }
    }

    static void check(String what, double[][] expected, NDArray actual) {
        double[] got = actual.toDoubleArray();
        int cols = expected[0].length;
        assertEquals(expected.length * cols, got.length, what + ": size");
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < cols; j++) {
                double want = expected[i][j];
                double have = got[i * cols + j];
                // Relative per element; entries far below the array's scale are compared to the scale,
                // since the reference itself carries ~1e-16 * scale of rounding there.
                double rel = Math.abs(have - want) / Math.max(Math.abs(want), 1e-9 * scale);
                worst = Math.max(worst, rel);
                assertTrue(rel <= TOLERANCE, what + "[" + i + "][" + j + "]: expected " + want + ", got " + have
                        + " (relative error " + rel + ")");
            }
        }
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = node.get(i);
            out[i] = new double[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).asDouble();
            }
        }
        return out;
    }
}
