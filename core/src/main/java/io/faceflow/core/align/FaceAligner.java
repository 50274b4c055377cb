package io.faceflow.core.align;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.Point;
import io.faceflow.core.image.BgrImage;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Warps a detected face onto the standard ArcFace 112x112 template: the similarity that best maps
 * the five landmarks onto the template's five points (least squares), then warpAffine.
 */
public final class FaceAligner {
    public static final int SIZE = 112;

    /** The ArcFace template for 112x112 crops, in the detector's landmark order. */
    public static final List<Point> TEMPLATE = List.of(
            new Point(38.2946, 51.6963),
            new Point(73.5318, 51.5014),
            new Point(56.0252, 71.7366),
            new Point(41.5493, 92.3655),
            new Point(70.7299, 92.2041));

    private FaceAligner() {}

    public static SimilarityTransform transformFor(DetectedFace face) {
        return SimilarityTransform.estimate(face.landmarks(), TEMPLATE);
    }

    /** The aligned 112x112 crop of {@code face}. */
    public static BgrImage align(BgrImage image, DetectedFace face) {
        return warp(image, transformFor(face));
    }

    /**
     * Takes an image that is already an aligned crop: 112x112 is used as is, any other size is
     * resized (a crop made for another template size, e.g. 224x224).
     */
    public static BgrImage asAligned(BgrImage crop) {
        return crop.resized(SIZE, SIZE);
    }

    public static BgrImage warp(BgrImage image, SimilarityTransform transform) {
        try (Mat src = image.toMat();
                Mat dst = new Mat();
                DoublePointer rows = new DoublePointer(transform.toAffineRows());
                Mat matrix = new Mat(2, 3, CV_64F, rows);
                Size size = new Size(SIZE, SIZE);
                Scalar black = new Scalar(0.0)) {
            opencv_imgproc.warpAffine(src, dst, matrix, size, opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_CONSTANT, black);
            return BgrImage.fromMat(dst);
        }
    }
}
