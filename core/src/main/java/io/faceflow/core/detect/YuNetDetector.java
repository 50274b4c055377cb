package io.faceflow.core.detect;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.lifecycle.UseGate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * YuNet through OpenCV's FaceDetectorYN, run at each image's own size.
 *
 * <p>An OpenCV detector keeps per-call state, so each thread borrows its own instance from a
 * pool: concurrent callers never share one, and instances are reused across calls. Closing waits
 * for the detections running, so no instance is freed under one.
 */
public final class YuNetDetector implements FaceDetector {
    /** Columns of one YuNet output row: box (4), five landmarks (10), score (1). */
    private static final int ROW = 15;

    private final DetectorConfig config;
    private final ConcurrentLinkedQueue<FaceDetectorYN> idle = new ConcurrentLinkedQueue<>();
    private final List<FaceDetectorYN> all = new ArrayList<>();
    private final UseGate gate = new UseGate("face detector");

    public YuNetDetector(DetectorConfig config) {
        this.config = config;
        idle.add(create()); // fail fast on a bad model file
    }

    public DetectorConfig config() {
        return config;
    }

    @Override
    public List<DetectedFace> detect(BgrImage image) {
        try (UseGate.Use use = gate.enter()) {
            return detectWith(borrow(), image);
        }
    }

    private List<DetectedFace> detectWith(FaceDetectorYN detector, BgrImage image) {
        try (Mat mat = image.toMat(); Mat faces = new Mat(); Size size = new Size(image.width(), image.height())) {
            detector.setInputSize(size);
            detector.detect(mat, faces);
            return toFaces(faces);
        } finally {
            idle.add(detector);
        }
    }

    private List<DetectedFace> toFaces(Mat faces) {
        List<DetectedFace> result = new ArrayList<>();
        if (faces.empty()) {
            return result;
        }
        try (FloatIndexer rows = faces.createIndexer()) {
            for (int r = 0; r < faces.rows(); r++) {
                float[] v = new float[ROW];
                for (int c = 0; c < ROW; c++) {
                    v[c] = rows.get(r, c);
                }
                Box box = new Box(v[0], v[1], v[2], v[3]);
                if (Math.min(box.width(), box.height()) < config.minFaceSize()) {
                    continue;
                }
                List<Point> landmarks = new ArrayList<>(5);
                for (int k = 0; k < 5; k++) {
                    landmarks.add(new Point(v[4 + 2 * k], v[5 + 2 * k]));
                }
                result.add(new DetectedFace(box, landmarks, v[14]));
            }
        }
        result.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        return result;
    }

    private FaceDetectorYN borrow() {
        FaceDetectorYN detector = idle.poll();
        return detector != null ? detector : create();
    }

    private FaceDetectorYN create() {
        try (Size initial = new Size(320, 320)) {
            FaceDetectorYN detector = FaceDetectorYN.create(config.modelFile().toString(), "", initial,
                    config.scoreThreshold(), config.nmsThreshold(), config.topK(), 0, 0);
            if (detector == null || detector.isNull()) {
                throw new IllegalArgumentException("OpenCV could not load the face detector from "
                        + config.modelFile() + "; is it face_detection_yunet_2023mar.onnx?");
            }
            synchronized (all) {
                all.add(detector);
            }
            return detector;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("OpenCV could not load the face detector from "
                    + config.modelFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        gate.closeAfterUsers(() -> {
            synchronized (all) {
                all.forEach(FaceDetectorYN::close);
                all.clear();
            }
            idle.clear();
        });
    }
}
