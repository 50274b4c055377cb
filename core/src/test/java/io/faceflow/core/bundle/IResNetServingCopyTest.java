package io.faceflow.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.core.model.InputSpec;
import io.faceflow.core.onnx.OnnxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained iResNet's ONNX serving copy, built from its DJL blocks, against the DJL network on real faces. */
class IResNetServingCopyTest {
    /** The DJL network exactly as trained: batch norm not folded, no serving copy. */
    private static final ModelOptions DJL = new ModelOptions("cpu", false, false).withServingCopy(false);

    @TempDir
    Path dir;

    @Test
    void theCopyEqualsTheDjlNetworkOnRealFacesAtBatchOneAndAtOnce() throws Exception {
        List<BgrImage> faces = OnnxImportTest.realFaces(8);
        Path random = BatchNormFoldingTest.bundleWithTrainedLookingNorms(IResNetArch.IRESNET18, dir.resolve("random"));
        Path bundle = dir.resolve("trained");
        BundleManifest saved;
        BundleManifest served;
        try (RecognitionModel trained = RecognitionModel.load(random, DJL)) {
            measureRunningStatistics(trained.block(), faces, trained.manifest().input());
            saved = ModelBundle.save(bundle, trained.block(), trained.manifest().withWeights(null, null, null));
            served = OnnxImport.buildServingCopy(bundle, saved, trained.block());
            long values = OnnxGraph.read(bundle.resolve(OnnxImport.SERVING_FILE)).initializers().values().stream()
                    .mapToLong(OnnxGraph.Tensor::size).sum();
            assertEquals(trained.block().getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum(),
                    values, "every parameter and running statistic, once");
        }
        assertEquals(new ServingCopy(WeightsFormat.ONNX, OnnxImport.SERVING_FILE,
                ModelBundle.sha256(bundle.resolve(OnnxImport.SERVING_FILE))), served.serving());
        assertEquals(served, ModelBundle.readManifest(bundle), "the manifest on disk names the copy");
        assertEquals(saved.version(), served.version(), "the same weights, the same version");

        try (RecognitionModel onnx = RecognitionModel.load(bundle, ModelOptions.CPU);
                RecognitionModel djl = RecognitionModel.load(bundle, DJL)) {
            assertEquals("OnnxRuntime", onnx.engine());
            assertEquals(0, onnx.fixedBatch(), "the copy takes any batch");
            float[][] reference = djl.forward(faces);
            float[][] atOnce = onnx.forward(faces);
            List<float[]> oneByOne = new ArrayList<>();
            for (BgrImage face : faces) {
                oneByOne.add(onnx.forward(List.of(face))[0]);
            }
            float[][] single = oneByOne.toArray(float[][]::new);
            double worst = Math.max(OnnxImportTest.largestDifference(atOnce, reference),
                    OnnxImportTest.largestDifference(single, reference));
            System.out.printf("iresnet18 serving copy vs DJL on %d faces: normalised max diff %.3g, raw max diff"
                    + " %.3g of values up to %.3g%n", faces.size(), worst, rawDifference(atOnce, reference),
                    largest(reference));
            assertTrue(worst <= 1e-4, "largest difference of normalised embeddings " + worst);
            assertTrue(rawDifference(atOnce, reference) <= 1e-4 * Math.max(1, largest(reference)),
                    "raw embeddings differ by " + rawDifference(atOnce, reference) + " of " + largest(reference));
            assertTrue(rawDifference(single, reference) <= 1e-4 * Math.max(1, largest(reference)),
                    "batch-1 raw embeddings differ by " + rawDifference(single, reference));
        }
    }

    @Test
    void aCopyThatCannotBeWrittenLeavesTheBundleServingThroughDjlWithTheReasonLogged() throws Exception {
        Path bundle = BatchNormFoldingTest.bundleWithTrainedLookingNorms(IResNetArch.IRESNET18, dir);
        BundleManifest saved = ModelBundle.readManifest(bundle);
        Files.createDirectories(bundle.resolve(OnnxImport.SERVING_FILE).resolve("in-the-way"));
        List<String> log = new ArrayList<>();
        BundleManifest after;
        try (RecognitionModel trained = RecognitionModel.load(bundle, DJL)) {
            after = OnnxImport.writeServingCopy(bundle, saved, trained.block(), null, null, log::add);
        }
        assertSame(saved, after);
        assertNull(ModelBundle.readManifest(bundle).serving());
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("serves through DJL"), log.get(0));
        try (RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU)) {
            assertEquals("PyTorch", model.engine());
            assertEquals(1, model.forward(List.of(OnnxImportTest.realFaces(2).get(0))).length);
        }
    }

    /**
     * Replaces the random running statistics by ones measured on real faces (training-mode passes,
     * which update them), as training would: the embeddings then keep a trained network's scale
     * instead of growing layer by layer, so every bias and shift, up to the last, shows in them.
     */
    private static void measureRunningStatistics(Block backbone, List<BgrImage> faces, InputSpec spec) {
        NDManager manager = backbone.getParameters().get(0).getValue().getArray().getManager();
        int size = 3 * spec.size() * spec.size();
        float[] data = new float[faces.size() * size];
        for (int n = 0; n < faces.size(); n++) {
            spec.writeChw(faces.get(n), data, n * size);
        }
        for (int pass = 0; pass < 30; pass++) {
            try (NDManager scope = manager.newSubManager()) { // frees each pass's activations
                NDArray input = scope.create(data, new Shape(faces.size(), 3, spec.size(), spec.size()));
                backbone.forward(new ParameterStore(scope, false), new NDList(input), true);
            }
        }
    }

    private static double rawDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                worst = Math.max(worst, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return worst;
    }

    private static double largest(float[][] a) {
        double m = 0;
        for (float[] row : a) {
            for (float v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
