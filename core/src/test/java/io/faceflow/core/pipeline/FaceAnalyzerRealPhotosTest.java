package io.faceflow.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceAnalyzerRealPhotosTest {
    @TempDir
    Path dir;

    @Test
    void embedsEachImagesLargestFaceAndReportsTheRest() throws Exception {
        Path people = TestResources.testData().resolve("sitcom_cast/people");
        Path yunet = TestResources.models().resolve(ModelFiles.YUNET_FILE);
        ModelBundle.initRandom(dir, IResNetArch.IRESNET18, 1);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("amy1", Files.readAllBytes(people.resolve("amy/amy1.png")));
        inputs.put("blank", ImageEncoder.png(new BgrImage(200, 200, new byte[200 * 200 * 3])));
        inputs.put("text", "not an image".getBytes());
        inputs.put("raj1", Files.readAllBytes(people.resolve("raj/raj1.png")));
        try (YuNetDetector detector = new YuNetDetector(DetectorConfig.defaults().withScoreThreshold(0.7f));
                RecognitionModel model = ModelBundle.load(dir, ModelOptions.CPU)) {
            // defaults() reads FACEFLOW_MODELS; check it is the folder the test was given.
            assertEquals(yunet, detector.config().modelFile());
            FaceAnalyzer analyzer = new FaceAnalyzer(new ImageDecoder(), detector, new FaceEmbedder(model, false, 8));
            List<FaceOutcome> out = analyzer.analyze(inputs, false);
            assertEquals(List.of("amy1", "blank", "text", "raj1"), out.stream().map(FaceOutcome::source).toList());
            var amy = assertInstanceOf(FaceOutcome.Embedded.class, out.get(0));
            assertEquals(512, amy.embedding().length);
            assertEquals(112, amy.crop().width());
            assertEquals("no face found", assertInstanceOf(FaceOutcome.Rejected.class, out.get(1)).reason());
            assertTrue(assertInstanceOf(FaceOutcome.Rejected.class, out.get(2)).reason().contains("not a JPEG"));
            assertInstanceOf(FaceOutcome.Embedded.class, out.get(3));
        }
    }
}
