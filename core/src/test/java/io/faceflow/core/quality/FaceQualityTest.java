package io.faceflow.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

class FaceQualityTest {

    @Test
    void sharpPortraitPassesAndItsBlurredCopyFails() throws Exception {
        Path photo = TestResources.testData().resolve("sitcom_cast/people/penny/penny1.png");
        TestResources.models();
        BgrImage image = new ImageDecoder().decode(Files.readAllBytes(photo));
        try (YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(null))) {
            List<DetectedFace> faces = detector.detect(image);
            BgrImage crop = FaceAligner.align(image, faces.get(0));
            assertTrue(FaceQuality.ENROLMENT.problemWith(FaceQuality.ENROLMENT.measure(faces.get(0), crop)).isEmpty(),
                    "sharpness " + FaceQuality.sharpness(crop));

            BgrImage blurred = blur(image, 15);
            List<DetectedFace> blurredFaces = detector.detect(blurred);
            if (!blurredFaces.isEmpty()) {
                BgrImage blurredCrop = FaceAligner.align(blurred, blurredFaces.get(0));
                String problem = FaceQuality.ENROLMENT.problemWith(
                        FaceQuality.ENROLMENT.measure(blurredFaces.get(0), blurredCrop)).orElseThrow();
                assertTrue(problem.contains("blurred"), problem);
            }
            assertTrue(FaceQuality.sharpness(blur(crop, 15)) < FaceQuality.ENROLMENT.minSharpness());
        }
    }

    @Test
    void sizesAndScoresAreChecked() throws Exception {
        Path scene = TestResources.testData().resolve("sitcom_cast/scenes/bbt1.jpg");
        BgrImage image = new ImageDecoder().decode(Files.readAllBytes(scene));
        try (YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(null))) {
            List<DetectedFace> faces = detector.detect(image);
            BgrImage crop = FaceAligner.align(image, faces.get(0));
            FaceQuality huge = new FaceQuality(10_000, 0, 0);
            assertTrue(huge.problemWith(huge.measure(faces.get(0), crop)).orElseThrow().contains("10000 px minimum"));
            FaceQuality sure = new FaceQuality(0, 0, 0.9999);
            assertTrue(sure.problemWith(sure.measure(faces.get(0), crop)).orElseThrow().contains("detector score"));
            assertTrue(FaceQuality.ANY.problemWith(FaceQuality.ANY.measure(faces.get(0), crop)).isEmpty());
        }
    }

    private static BgrImage blur(BgrImage image, int kernel) {
        try (Mat src = image.toMat(); Mat dst = new Mat(); Size k = new Size(kernel, kernel)) {
            opencv_imgproc.GaussianBlur(src, dst, k, 0);
            return BgrImage.fromMat(dst);
        }
    }
}
