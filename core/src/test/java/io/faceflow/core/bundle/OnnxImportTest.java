package io.faceflow.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.core.model.InputSpec;
import io.faceflow.core.model.MobileFaceNet;
import io.faceflow.core.onnx.OnnxGraph;
import io.faceflow.core.onnx.OnnxWeights;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrained ONNX recogniser mapped onto faceflow's own MobileFaceNet. */
class OnnxImportTest {
    @TempDir
    Path dir;

    @Test
    void theFilesWeightsAreTheArchitecturesParameters() {
        OnnxGraph graph = OnnxGraph.read(TestResources.pretrainedRecognizer());
        long floats = OnnxWeights.inOrder(graph).stream().mapToLong(OnnxGraph.Tensor::size).sum();
        long all = graph.initializers().values().stream().mapToLong(OnnxGraph.Tensor::size).sum();
        assertEquals(1_190_338, all, "every initializer value in the file");
        assertEquals(1_190_336, floats, "the weights: all but the Reshape target shape [1, -1]");
    }

    @Test
    void djlEmbeddingsEqualOnnxRuntimesOnRealFaces() throws Exception {
        Path onnx = TestResources.pretrainedRecognizer();
        Path djl = dir.resolve("djl");
        Path reference = dir.resolve("onnx");
        BundleManifest m = OnnxImport.toDjlBundle(onnx, djl, MobileFaceNet.ARCH, "mobilefacenet-test",
                new OnnxImport.Provenance("test copy", "MIT", "licence text"));
        assertEquals("mobilefacenet", m.architecture());
        assertEquals(InputSpec.MOBILEFACENET, m.input());
        assertFalse(m.untrained());
        assertEquals(ModelBundle.sha256(onnx), m.trainingSummary().get("source_sha256"));
        assertEquals("MIT", m.trainingSummary().get("licence"));
        assertEquals("licence text", Files.readString(djl.resolve(OnnxImport.LICENCE_FILE)));
        ModelBundle.importForeign(reference, onnx, WeightsFormat.ONNX, "fr_feature", 512, InputSpec.MOBILEFACENET,
                EmbeddingProtocol.PLAIN);

        List<BgrImage> faces = realFaces(12);
        try (RecognitionModel mine = RecognitionModel.load(djl, ModelOptions.CPU.withServingCopy(false));
                RecognitionModel theirs = RecognitionModel.load(reference, ModelOptions.CPU)) {
            assertEquals(0, mine.fixedBatch(), "the DJL network itself, not its serving copy");
            double worst = largestDifference(mine.forward(faces), theirs.forward(faces));
            assertTrue(worst <= 1e-4, "largest difference of normalised embeddings " + worst);
        }
    }

    @Test
    void theImportedBundleServesTheOnnxFileUnderItsOwnVersion() throws Exception {
        Path onnx = TestResources.pretrainedRecognizer();
        Path djl = dir.resolve("djl");
        BundleManifest m = OnnxImport.toDjlBundle(onnx, djl, MobileFaceNet.ARCH, "mobilefacenet-test", null);
        assertEquals(new ServingCopy(WeightsFormat.ONNX, OnnxImport.SERVING_FILE, ModelBundle.sha256(onnx)),
                m.serving());
        assertEquals(m, ModelBundle.readManifest(djl), "the manifest on disk names the copy");
        List<BgrImage> faces = realFaces(6);
        try (RecognitionModel served = RecognitionModel.load(djl, ModelOptions.CPU);
                RecognitionModel trained = RecognitionModel.load(djl, ModelOptions.CPU.withServingCopy(false))) {
            assertEquals(1, served.fixedBatch(), "ONNX Runtime runs the copy (its batch dimension is 1)");
            assertEquals(m.version(), served.version());
            assertTrue(largestDifference(served.forward(faces), trained.forward(faces)) <= 1e-4);
        }
        assertNull(m.withWeights("other.params", "00", "other-1").serving(), "new weights leave the copy behind");

        Files.write(djl.resolve(OnnxImport.SERVING_FILE), new byte[] {1, 2, 3});
        var e = assertThrows(IllegalArgumentException.class, () -> RecognitionModel.load(djl, ModelOptions.CPU));
        assertTrue(e.getMessage().contains(OnnxImport.SERVING_FILE) && e.getMessage().contains("corrupt"),
                e.getMessage());
    }

    @Test
    void aFineTunedChildServesItsOwnWeightsThroughTheParentsGraph() throws Exception {
        Path parentDir = dir.resolve("parent");
        Path childDir = dir.resolve("child");
        BundleManifest parent = OnnxImport.toDjlBundle(TestResources.pretrainedRecognizer(), parentDir,
                MobileFaceNet.ARCH, "mobilefacenet-test", null);
        BundleManifest child;
        try (RecognitionModel trainable = RecognitionModel.load(parentDir, ModelOptions.CPU.withServingCopy(false))) {
            // What a fine-tune does to the weights, in miniature: every parameter moved by up to 5 %.
            var manager = trainable.block().getParameters().get(0).getValue().getArray().getManager();
            manager.getEngine().setRandomSeed(7);
            trainable.block().getParameters().forEach(p -> p.getValue().getArray().muli(
                    manager.randomUniform(0.95f, 1.05f, p.getValue().getArray().getShape())));
            BundleManifest saved = ModelBundle.save(childDir, trainable.block(), parent.withWeights(null, null, null));
            assertNull(saved.serving(), "new weights leave the parent's copy behind");
            child = OnnxImport.carryServingCopy(parentDir, parent, childDir, saved, trainable.block());
        }
        assertNotEquals(parent.version(), child.version());
        assertEquals(new ServingCopy(WeightsFormat.ONNX, OnnxImport.SERVING_FILE,
                ModelBundle.sha256(childDir.resolve(OnnxImport.SERVING_FILE))), child.serving());
        assertEquals(child, ModelBundle.readManifest(childDir));

        List<BgrImage> faces = realFaces(8);
        try (RecognitionModel served = RecognitionModel.load(childDir, ModelOptions.CPU);
                RecognitionModel trained = RecognitionModel.load(childDir, ModelOptions.CPU.withServingCopy(false));
                RecognitionModel parentServed = RecognitionModel.load(parentDir, ModelOptions.CPU)) {
            assertEquals(1, served.fixedBatch(), "ONNX Runtime runs the child's copy");
            double worst = largestDifference(served.forward(faces), trained.forward(faces));
            assertTrue(worst <= 1e-4, "the child's copy equals its DJL network: " + worst);
            assertTrue(largestDifference(served.forward(faces), parentServed.forward(faces)) > 1e-3,
                    "the copy holds the child's weights, not the parent's");
        }
    }

    /** The largest difference of corresponding embeddings once each is L2-normalised. */
    static double largestDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            float[] na = unit(a[i]);
            float[] nb = unit(b[i]);
            for (int k = 0; k < na.length; k++) {
                worst = Math.max(worst, Math.abs(na[k] - nb[k]));
            }
        }
        return worst;
    }

    @Test
    void aGraphOfAnotherLayoutIsRefusedWithTheReason() {
        Path onnx = TestResources.pretrainedRecognizer();
        var e = assertThrows(IllegalArgumentException.class, () -> OnnxImport.toDjlBundle(onnx, dir.resolve("x"),
                IResNetArch.IRESNET18, "wrong", null));
        assertTrue(e.getMessage().contains("does not fit architecture iresnet18"), e.getMessage());
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(s));
        }
        return out;
    }

    /** The largest face of the first {@code n} sitcom photos, aligned as the pipeline aligns. */
    static List<BgrImage> realFaces(int n) throws Exception {
        Path people = TestResources.testData().resolve("sitcom_cast/people");
        List<Path> photos;
        try (Stream<Path> files = Files.walk(people)) {
            photos = files.filter(p -> p.toString().endsWith(".png")).sorted().limit(n).toList();
        }
        List<BgrImage> faces = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        try (YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(TestResources.models()))) {
            for (Path photo : photos) {
                BgrImage image = decoder.decode(Files.readAllBytes(photo));
                detector.detect(image).stream().max(Comparator.comparingDouble(f -> f.box().area()))
                        .ifPresent(face -> faces.add(FaceAligner.align(image, face)));
            }
        }
        assertTrue(faces.size() >= n / 2, "faces found in " + photos);
        return faces;
    }
}
