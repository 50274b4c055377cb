package io.faceflow.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.model.InputSpec;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on real photos with the pretrained recogniser. */
class FacePipelineRealPhotosTest {
    @TempDir
    static Path dir;
    static Path people;
    static YuNetDetector detector;
    static RecognitionModel model;

    @BeforeAll
    static void open() {
        people = TestResources.testData().resolve("sitcom_cast/people");
        ModelBundle.importForeign(dir, TestResources.pretrainedRecognizer(), WeightsFormat.ONNX, "mobilefacenet", 512,
                InputSpec.MOBILEFACENET, EmbeddingProtocol.PLAIN);
        detector = new YuNetDetector(DetectorConfig.forModels(null));
        model = RecognitionModel.load(dir, ModelOptions.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
        model.close();
    }

    private static byte[] photo(String person, int n) throws Exception {
        return Files.readAllBytes(people.resolve(person + "/" + person + n + ".png"));
    }

    @Test
    void largestFacePerImageAndEveryFailureReported() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("amy1", photo("amy", 1));
        inputs.put("blank", ImageEncoder.png(new BgrImage(200, 200, new byte[200 * 200 * 3])));
        inputs.put("text", "not an image".getBytes());
        inputs.put("raj1", photo("raj", 1));
        inputs.put("amy2", photo("amy", 2));
        FacePipeline pipeline = new FacePipeline(detector, new FaceEmbedder(model, 32),
                PipelineOptions.of(FaceSelection.LARGEST, FaceQuality.ANY));
        List<ImageFaces> out = pipeline.analyzeEncoded(inputs);
        assertEquals(List.of("amy1", "blank", "text", "raj1", "amy2"), out.stream().map(ImageFaces::source).toList());
        assertNull(out.get(0).problem());
        assertEquals("no face found", out.get(1).problem());
        assertTrue(out.get(2).problem().contains("not a JPEG"), out.get(2).problem());
        float[] amy1 = out.get(0).accepted().get(0).embedding();
        float[] raj1 = out.get(3).accepted().get(0).embedding();
        float[] amy2 = out.get(4).accepted().get(0).embedding();
        assertEquals(512, amy1.length);
        assertEquals(112, out.get(0).faces().get(0).crop().width());
        assertTrue(Vectors.dot(amy1, amy2) > Vectors.dot(amy1, raj1) + 0.2,
                "a real model puts two photos of Amy closer than Amy and Raj: " + Vectors.dot(amy1, amy2) + " vs "
                        + Vectors.dot(amy1, raj1));
    }

    @Test
    void everyFaceOfAGroupPhotoIsEmbeddedInOneBatchAndEnrolmentRefusesIt() throws Exception {
        byte[] scene = Files.readAllBytes(TestResources.testData().resolve("sitcom_cast/scenes/bbt1.jpg"));
        BgrImage image = new ImageDecoder().decode(scene);
        int found = detector.detect(image).size();
        assertTrue(found >= 3, "bbt1 shows several people, found " + found);
        CountingEmbedder counting = new CountingEmbedder(new FaceEmbedder(model, 32));
        ImageFaces all = new FacePipeline(detector, counting, PipelineOptions.of(FaceSelection.ALL, FaceQuality.ANY))
                .analyze(List.of(new SourceImage("bbt1", image), new SourceImage("amy1",
                        new ImageDecoder().decode(photo("amy", 1))))).get(0);
        assertEquals(found, all.accepted().size());
        assertEquals(1, counting.calls, "faces of all images go to the embedder together");
        assertEquals(found + 1, counting.crops);
        double previous = Double.MAX_VALUE;
        for (AnalyzedFace f : all.faces()) {
            assertTrue(f.detection().box().area() <= previous, "largest first");
            previous = f.detection().box().area();
        }

        ImageFaces enrolment = new FacePipeline(detector, new FaceEmbedder(model, 32),
                PipelineOptions.of(FaceSelection.ONLY, FaceQuality.ENROLMENT)).analyze(
                        List.of(new SourceImage("bbt1", image))).get(0);
        assertTrue(enrolment.problem().contains("exactly one person"), enrolment.problem());
    }

    @Test
    void detectingOnAScaledFrameFindsTheSameFacesInFullSizeCoordinates() throws Exception {
        BgrImage small = new ImageDecoder().decode(photo("penny", 1));
        // A 4x larger frame: detection at 320 px long side sees it at roughly the original size.
        BgrImage large = small.resized(small.width() * 4, small.height() * 4);
        FacePipeline full = new FacePipeline(detector, new FaceEmbedder(model, 8),
                PipelineOptions.of(FaceSelection.LARGEST, FaceQuality.ANY));
        FacePipeline scaled = new FacePipeline(detector, new FaceEmbedder(model, 8),
                new PipelineOptions(FaceSelection.LARGEST, FaceQuality.ANY, 320));
        AnalyzedFace a = full.analyze(List.of(new SourceImage("full", large))).get(0).accepted().get(0);
        AnalyzedFace b = scaled.analyze(List.of(new SourceImage("scaled", large))).get(0).accepted().get(0);
        DetectedFace fa = a.detection();
        DetectedFace fb = b.detection();
        assertEquals(fa.box().width(), fb.box().width(), fa.box().width() * 0.1, "box mapped back to full size");
        assertEquals(fa.landmarks().get(0).x(), fb.landmarks().get(0).x(), fa.box().width() * 0.05);
        assertNotNull(b.embedding());
        assertTrue(Vectors.dot(a.embedding(), b.embedding()) > 0.9,
                "aligned from the full-resolution frame either way: " + Vectors.dot(a.embedding(), b.embedding()));
    }

    /** Counts what reaches the real embedder. */
    private static final class CountingEmbedder implements io.faceflow.core.embed.Embedder {
        private final FaceEmbedder inner;
        int calls;
        int crops;

        CountingEmbedder(FaceEmbedder inner) {
            this.inner = inner;
        }

        @Override
        public String modelVersion() {
            return inner.modelVersion();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public float[][] embed(List<BgrImage> alignedCrops) {
            calls++;
            crops += alignedCrops.size();
            return inner.embed(alignedCrops);
        }
    }
}
