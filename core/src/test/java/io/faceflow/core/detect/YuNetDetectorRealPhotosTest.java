package io.faceflow.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.testkit.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** YuNet on the real sitcom_cast photos (FACEFLOW_TESTDATA, FACEFLOW_MODELS). */
class YuNetDetectorRealPhotosTest {
    private static YuNetDetector detector;
    private static Path cast;
    private final ImageDecoder decoder = new ImageDecoder();

    @BeforeAll
    static void open() {
        cast = TestResources.testData().resolve("sitcom_cast");
        Path models = TestResources.models();
        detector = new YuNetDetector(new DetectorConfig(models.resolve(ModelFiles.YUNET_FILE),
                DetectorConfig.DEFAULT_SCORE, DetectorConfig.DEFAULT_NMS, DetectorConfig.DEFAULT_MIN_FACE,
                DetectorConfig.DEFAULT_TOP_K));
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void everyPortraitHasExactlyOneFace() throws IOException {
        List<Path> photos = files(cast.resolve("people"));
        assertEquals(40, photos.size(), "sitcom_cast/people should hold 8 people x 5 photos");
        for (Path photo : photos) {
            List<DetectedFace> faces = detector.detect(load(photo));
            assertEquals(1, faces.size(), photo + " should show exactly one face, found " + faces);
            assertLandmarksInsideBox(faces.get(0), photo);
        }
    }

    @Test
    void everySceneHasThreeOrMoreFaces() throws IOException {
        List<Path> scenes = files(cast.resolve("scenes"));
        assertEquals(5, scenes.size());
        for (Path scene : scenes) {
            List<DetectedFace> faces = detector.detect(load(scene));
            assertTrue(faces.size() >= 3, scene + " should show 3 or more faces, found " + faces.size());
            for (DetectedFace face : faces) {
                assertLandmarksInsideBox(face, scene);
                assertTrue(face.score() >= DetectorConfig.DEFAULT_SCORE);
            }
            for (int i = 1; i < faces.size(); i++) {
                assertTrue(faces.get(i - 1).score() >= faces.get(i).score(), "faces sorted by score");
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameAnswers() throws Exception {
        List<Path> scenes = files(cast.resolve("scenes"));
        List<BgrImage> images = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (Path scene : scenes) {
            BgrImage image = load(scene);
            images.add(image);
            expected.add(detector.detect(image).size());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (BgrImage image : images) {
                    counts.add(pool.submit(() -> detector.detect(image).size()));
                }
            }
            for (int i = 0; i < counts.size(); i++) {
                assertEquals(expected.get(i % images.size()), counts.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void minimumFaceSizeDropsSmallFaces() throws IOException {
        BgrImage scene = load(files(cast.resolve("scenes")).get(0));
        List<DetectedFace> all = detector.detect(scene);
        double largest = all.stream().mapToDouble(DetectedFace::size).max().orElseThrow();
        try (YuNetDetector strict = new YuNetDetector(detector.config().withMinFaceSize((int) largest + 1))) {
            assertTrue(strict.detect(scene).isEmpty());
        }
    }

    @Test
    void blankImageHasNoFace() {
        assertFalse(detector.detect(new BgrImage(320, 240, new byte[320 * 240 * 3])).iterator().hasNext());
    }

    private BgrImage load(Path photo) throws IOException {
        return decoder.decode(Files.readAllBytes(photo));
    }

    private static void assertLandmarksInsideBox(DetectedFace face, Path photo) {
        for (Point p : face.landmarks()) {
            assertTrue(face.box().contains(p), photo + ": landmark " + p + " outside " + face.box());
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
