package io.faceflow.training.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.model.InputSpec;
import io.faceflow.core.model.MobileFaceNet;
import io.faceflow.testkit.TestResources;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.data.IdentitySplit;
import io.faceflow.training.data.ImageHoldout;
import io.faceflow.training.data.OrlFolders;
import io.faceflow.training.eval.EvalSettings;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.eval.SetEvaluation;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning the pretrained MobileFaceNet (imported from fr_feature.onnx) on real ORL identities. */
class FineTuneTest {
    static final long SEED = 4;
    static final double VAL_FRACTION = 0.3;
    static final double HOLDOUT = 0.3;

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    TrainRequest request(Path data, Path out, Path init) {
        return new TrainRequest(data, null, "elastic-arc+", 5, 8, out, null, init, false,
                new ScheduleSpec("constant", 0.01, List.of(), 0.1, 0, 0), 0.9, 5e-4, 5.0, 0.0, true, SEED, 0, 3,
                VAL_FRACTION, CropMode.ALIGNED, dir.resolve("cache"), null, "cpu", null, false, 0.1, HOLDOUT,
                new ParentKeeping(0, true, null));
    }

    @Test
    void stepZeroEqualsTheImportedModelAndTheBundleRecordsItsLineage() throws Exception {
        Path onnx = TestResources.pretrainedRecognizer();
        Path parent = dir.resolve("pretrained");
        BundleManifest parentManifest = OnnxImport.toDjlBundle(onnx, parent, MobileFaceNet.ARCH, "mobilefacenet", null);
        Path data = OrlFolders.link(dir.resolve("orl"), 21, 30);
        Path out = dir.resolve("tuned");

        TrainingJob job = new TrainingJob(request(data, out, parent), log::add);
        TrainOutcome outcome = job.run();
        BundleManifest m = outcome.manifest();

        assertEquals(parentManifest.version(), m.trainingSummary().get("init"));
        assertEquals("mobilefacenet", m.architecture());
        assertEquals(InputSpec.MOBILEFACENET, m.input());
        assertEquals("ElasticFace-Arc+", m.loss());
        assertNotNull(m.serving(), "the child keeps an ONNX serving copy: the parent's graph with the child's weights");
        assertServedCopyIsTheTrainedNetwork(out, data);
        assertEquals(3L, outcome.summary().endStep());
        assertNotNull(m.calibration(), "threshold calibrated on the unseen identities: " + log);
        assertEquals(1e-3, m.calibration().falseAcceptRate());

        // Step 0 (the network the job is about to train) against ONNX Runtime running the original file.
        Path reference = dir.resolve("onnx");
        ModelBundle.importForeign(reference, onnx, WeightsFormat.ONNX, "fr_feature", 512, InputSpec.MOBILEFACENET,
                EmbeddingProtocol.PLAIN);
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) m.evaluation().get("before");
        try (FaceSet set = job.loadData();
                RecognitionModel ort = RecognitionModel.load(reference, ModelOptions.CPU)) {
            int[] labels = set.labels();
            IdentitySplit split = IdentitySplit.of(labels, VAL_FRACTION, SEED);
            ImageHoldout holdout = ImageHoldout.of(labels, IdentitySplit.indicesOf(labels, split.train()), HOLDOUT,
                    SEED);
            ModelEvaluator evaluator = new ModelEvaluator(ort, 32);
            SetEvaluation unseen = evaluator.evaluateSet("unseen identities", set,
                    IdentitySplit.indicesOf(labels, split.validation()), new EvalSettings(3000, 1, 0.3, SEED));
            SetEvaluation held = evaluator.evaluateSet("held-out images", set, holdout.heldOut(),
                    new EvalSettings(3000, 1, 0.3, SEED));
            assertSameFigures(unseen, section(before, "unseen_identities"));
            assertSameFigures(held, section(before, "held_out_images"));
        }
        assertNotNull(section(m.evaluation(), "held_out_images"), "after-figures recorded");
    }

    /** ONNX Runtime on the child's copy and DJL on its weights give the same embeddings of real faces. */
    private static void assertServedCopyIsTheTrainedNetwork(Path bundle, Path data) throws Exception {
        List<BgrImage> faces = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        try (Stream<Path> files = Files.walk(data, FileVisitOption.FOLLOW_LINKS)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().limit(6).toList()) {
                faces.add(decoder.decode(Files.readAllBytes(f)).resized(112, 112));
            }
        }
        try (RecognitionModel served = RecognitionModel.load(bundle, ModelOptions.CPU);
                RecognitionModel trained = RecognitionModel.load(bundle, ModelOptions.CPU.withServingCopy(false))) {
            assertEquals(1, served.fixedBatch(), "ONNX Runtime runs the copy");
            float[][] a = served.forward(faces);
            float[][] b = trained.forward(faces);
            for (int i = 0; i < faces.size(); i++) {
                float[] na = Vectors.normalize(a[i]);
                float[] nb = Vectors.normalize(b[i]);
                for (int k = 0; k < na.length; k++) {
                    assertEquals(nb[k], na[k], 1e-4, "face " + i + ", dimension " + k);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static void assertSameFigures(SetEvaluation expected, Map<String, Object> recorded) {
        Map<String, Object> v = (Map<String, Object>) recorded.get("verification");
        Map<String, Object> id = (Map<String, Object>) recorded.get("identification");
        assertEquals(expected.identification().rank1(), ((Number) id.get("rank1")).doubleValue(), 1e-12);
        assertEquals(expected.verification().roc().auc(), ((Number) v.get("roc_auc")).doubleValue(), 1e-4);
        assertEquals(expected.verification().accuracy().accuracyMean(),
                ((Number) v.get("accuracy_mean")).doubleValue(), 1e-9);
    }
}
