package io.faceflow.training.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.bundle.ServingCopy;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.data.OrlFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole train job on the real iresnet18, kept to a few steps of batch 8 on five ORL identities. */
class TrainingJobTest {
    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    TrainRequest request(Path data, Path out, Path init, boolean resume, long maxSteps) {
        return new TrainRequest(data, init == null ? IResNetArch.IRESNET18 : null, "elastic-cos+", 5, 8, out, null, init,
                resume, new ScheduleSpec("cosine", 0.05, List.of(), 0.1, 0, 1), 0.9, 5e-4, 5.0, 0.0, true, 3, 0,
                maxSteps, 0.4, CropMode.ALIGNED, dir.resolve("cache"), null, "cpu", null, false, 0.5, 0.0,
                // An untrained parent: the rate is high on purpose; distillation exercises the resumed run's parent copy.
                new ParentKeeping(1, true, null));
    }

    @Test
    void trainsFromAnInitBundleResumesAndPublishesAnEvaluatedBundle() throws Exception {
        Path data = OrlFolders.link(dir.resolve("orl"), 1, 5);
        Path init = dir.resolve("init");
        BundleManifest initManifest = ModelBundle.initRandom(init, IResNetArch.IRESNET18, 5);
        Path out = dir.resolve("model");

        TrainOutcome first = new TrainingJob(request(data, out, init, false, 1), log::add).run();
        assertFalse(first.stopped());
        assertEquals(1, first.summary().endStep());
        BundleManifest m1 = ModelBundle.readManifest(out);
        assertEquals(initManifest.version(), m1.trainingSummary().get("init"));
        assertEquals(3, ((Number) m1.trainingSummary().get("train_identities")).intValue(), "2 of 5 held out");

        // A second run without --resume must refuse to overwrite; with it, it continues at step 1.
        Exception again = assertThrows(IllegalArgumentException.class,
                () -> new TrainingJob(request(data, out, init, false, 2), log::add).validate());
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());
        TrainOutcome second = new TrainingJob(request(data, out, init, true, 2), log::add).run();
        assertEquals(1, second.summary().startStep());
        assertEquals(2, second.summary().endStep());

        BundleManifest m = ModelBundle.readManifest(out);
        assertNotEquals(m1.version(), m.version());
        assertEquals("ElasticFace-Cos+", m.loss());
        assertEquals(0.35, ((Number) m.lossParameters().get("margin")).doubleValue(), 1e-12);
        assertEquals(true, m.lossParameters().get("plus"));
        assertFalse(m.untrained());
        assertEquals(50, ((Number) m.trainingSummary().get("images")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> verification = (Map<String, Object>) m.evaluation().get("verification");
        double acc = ((Number) verification.get("accuracy_mean")).doubleValue();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        assertTrue(m.evaluation().containsKey("identification"));
        assertTrue(Files.size(out.getParent().resolve("model.work/metrics.jsonl")) > 0);
        assertEquals(new ServingCopy(WeightsFormat.ONNX, OnnxImport.SERVING_FILE,
                ModelBundle.sha256(out.resolve(OnnxImport.SERVING_FILE))), m.serving(), "a trained iResNet's ONNX copy");

        try (RecognitionModel model = RecognitionModel.load(out, ModelOptions.CPU);
                FolderFaceSet faces = (FolderFaceSet) new TrainingJob(request(data, out, null, true, 2), log::add).loadData()) {
            assertEquals("OnnxRuntime", model.engine());
            float[] e = new FaceEmbedder(model, 4).embed(faces.face(0));
            assertEquals(512, e.length);
            double norm = 0;
            for (float v : e) {
                norm += v * v;
            }
            assertEquals(1.0, norm, 1e-4);
        }
    }

    @Test
    void badInputsFailBeforeAnyTraining() throws Exception {
        Path out = dir.resolve("m");
        assertMessage(request(dir.resolve("missing"), out, null, false, 1), "not found");

        Path one = OrlFolders.link(dir.resolve("one"), 7, 7);
        assertMessage(request(one, out, null, false, 1), "need at least 2");

        Path rec = dir.resolve("faces.rec");
        Files.write(rec, new byte[16]);
        assertMessage(request(rec, out, null, false, 1), "faces.idx");

        Path notRec = dir.resolve("faces.zip");
        Files.write(notRec, new byte[16]);
        assertMessage(request(notRec, out, null, false, 1), "not a .rec");

        Path data = OrlFolders.link(dir.resolve("orl"), 8, 9);
        assertMessage(request(data, out, null, true, 1), "no checkpoint");

        // Unreadable images are found while loading, still before the first step.
        Path bad = dir.resolve("bad");
        OrlFolders.link(bad, 10, 11);
        Files.createDirectories(bad.resolve("s99"));
        Files.write(bad.resolve("s99/1.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0});
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingJob(request(bad, out, null, false, 1), log::add).run());
        assertTrue(e.getMessage().contains("unreadable") && e.getMessage().contains("s99"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m.work/metrics.jsonl")), "no training step ran");
        assertFalse(Files.exists(out.resolve(ModelBundle.MANIFEST)));
    }

    private void assertMessage(TrainRequest r, String expected) {
        Exception e = assertThrows(IllegalArgumentException.class, () -> new TrainingJob(r, log::add).validate());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
