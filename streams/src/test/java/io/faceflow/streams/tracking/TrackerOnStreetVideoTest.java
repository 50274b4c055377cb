package io.faceflow.streams.tracking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker on the shared street clip (people walking toward the camera), with the real detector
 * and recogniser: a person is a handful of tracks, not one per face, and tracking embeds at least
 * 3x fewer faces than embedding every confident face.
 */
class TrackerOnStreetVideoTest {
    private static final int FRAMES = 100;
    private static final int DETECT_WIDTH = 1280;

    @Test
    void tracksFollowPeopleAndEmbedAFractionOfTheFaces(@TempDir Path dir) throws Exception {
        Path video = TestResources.videos().resolve("pedestrians_1080p.mp4");
        TestResources.require(Files.isRegularFile(video), video.toString());
        Path models = TestResources.models();
        Path recogniser = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("fr"));
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        // Weak faces reach the tracker too: the second stage is what they are for.
        DetectorConfig detectorConfig = DetectorConfig.forModels(models)
                .withScoreThreshold((float) tracker.config().lowScore());

        TrackerState state = TrackerState.empty("street");
        int frames = 0;
        int confidentFaces = 0;
        int embedded = 0;
        Set<String> tracks = new HashSet<>();
        try (YuNetDetector detector = new YuNetDetector(detectorConfig);
             RecognitionModel model = RecognitionModel.load(recogniser, ModelOptions.CPU);
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            FaceEmbedder embedder = new FaceEmbedder(model, 1);
            grabber.start();
            for (Frame grabbed; frames < FRAMES && (grabbed = grabber.grabImage()) != null; frames++) {
                BgrImage image = scaled(converter.convert(grabbed));
                List<DetectedFace> faces = detector.detect(image);
                List<BgrImage> crops = faces.stream().map(f -> FaceAligner.align(image, f)).toList();
                List<FaceObservation> observed = new ArrayList<>();
                for (int i = 0; i < faces.size(); i++) {
                    observed.add(FaceObservation.unembedded(faces.get(i),
                            ShotQuality.of(faces.get(i), FaceQuality.sharpness(crops.get(i)))));
                    confidentFaces += faces.get(i).score() >= tracker.config().highScore() ? 1 : 0;
                }
                long captureMs = grabber.getTimestamp() / 1000;
                List<Boolean> plan = tracker.plan(state, new TrackFrame(frames, captureMs, observed));
                for (int i = 0; i < plan.size(); i++) {
                    if (plan.get(i)) {
                        observed.set(i, observed.get(i).withEmbedding(embedder.embed(crops.get(i))));
                        embedded++;
                    }
                }
                TrackerStep step = tracker.update(state, new TrackFrame(frames, captureMs, observed));
                state = step.state();
                step.assignments().forEach(a -> tracks.add(a.trackId()));
            }
        }
        double reduction = (double) confidentFaces / Math.max(1, embedded);
        System.out.printf(Locale.ROOT, "street clip: %d frames, %d confident faces, %d tracks, %d faces embedded"
                + " with tracks (%.2f per frame against %.2f): %.1fx fewer%n", frames, confidentFaces, tracks.size(),
                embedded, (double) embedded / frames, (double) confidentFaces / frames, reduction);
        assertTrue(frames >= 90, "decoded only " + frames + " frames");
        assertTrue(confidentFaces >= 100, "the clip should show faces: " + confidentFaces);
        assertTrue(tracks.size() * 10 <= confidentFaces, tracks.size() + " tracks for " + confidentFaces + " faces");
        assertTrue(reduction >= 3, String.format(Locale.ROOT, "only %.1fx fewer embeddings", reduction));
    }

    private static BgrImage scaled(Mat frame) {
        BgrImage full = BgrImage.fromMat(frame);
        return full.width() <= DETECT_WIDTH ? full
                : full.resized(DETECT_WIDTH, Math.round((float) full.height() * DETECT_WIDTH / full.width()));
    }
}
