package io.faceflow.core.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.image.BgrImage;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Whether a face is good enough to use: large enough, sharp enough, confidently detected.
 *
 * <p>Sharpness ({@link #sharpness}) is measured on the aligned crop, so it does not depend on how
 * large the face was in the photo: a blurred face has little high-frequency detail.
 *
 * @param minFaceSize shorter side of the face box, in pixels of the full-resolution image
 * @param minSharpness sharpness below which a crop counts as blurred
 * @param minScore detector score below which a face is not trusted
 */
public record FaceQuality(int minFaceSize, double minSharpness, double minScore) {
    /**
     * Defaults for enrolment: faces of 40 px or more, sharpness 6 or more. On the sitcom and ORL
     * photos sharp faces measured 7.5 to 78, the same faces under a 9x9 Gaussian blur 1.7 to 6.5
     * (Yale B's grainy crops stay above 10 even blurred: graininess reads as detail).
     */
    public static final double DEFAULT_MIN_SHARPNESS = 6.0;

    public static final FaceQuality ENROLMENT = new FaceQuality(40, DEFAULT_MIN_SHARPNESS, 0);

    /**
     * Defaults for identifying faces in photos and frames: 32 px or more, and as sharp as an
     * enrolment photo. A blurred face's embedding is unreliable in both directions: on the sitcom
     * scenes a blurred background extra (sharpness 1.7) came closest to a cast member at 0.47, far
     * above any impostor pair of sharp photos, while every cast face measured 8.2 or more.
     */
    public static final FaceQuality IDENTIFICATION = new FaceQuality(32, DEFAULT_MIN_SHARPNESS, 0);

    /** Every face the detector reports (for plumbing and for showing what was found). */
    public static final FaceQuality ANY = new FaceQuality(0, 0, 0);

    public FaceQuality {
        if (minFaceSize < 0 || minSharpness < 0 || minScore < 0 || minScore > 1) {
            throw new IllegalArgumentException("quality limits: need min face size >= 0, sharpness >= 0 and"
                    + " 0 <= score <= 1, got " + minFaceSize + ", " + minSharpness + ", " + minScore);
        }
    }

    /** What the checks look at, for one face and its aligned crop. */
    public QualityMeasures measure(DetectedFace face, BgrImage alignedCrop) {
        // Sharpness costs a Laplacian over the crop: skip it when nothing compares against it.
        double sharpness = minSharpness > 0 ? sharpness(alignedCrop) : Double.NaN;
        return new QualityMeasures(face.size(), sharpness, face.score());
    }

    /** Empty when the face qualifies; else the reason a person can act on. */
    public Optional<String> problemWith(QualityMeasures m) {
        if (m.faceSize() < minFaceSize) {
            return Optional.of(String.format(Locale.ROOT,
                    "face is %.0f px, below the %d px minimum: use a closer or larger photo", m.faceSize(), minFaceSize));
        }
        if (m.detectorScore() < minScore) {
            return Optional.of(String.format(Locale.ROOT, "detector score %.2f is below the %.2f minimum",
                    m.detectorScore(), minScore));
        }
        if (minSharpness > 0 && m.sharpness() < minSharpness) {
            return Optional.of(String.format(Locale.ROOT, "face is too blurred (sharpness %.1f, minimum %.1f)",
                    m.sharpness(), minSharpness));
        }
        return Optional.empty();
    }

    /**
     * High-frequency share of the face: the variance of the Laplacian over the variance of the grey
     * levels, times 100, in the crop's central region (eyes to mouth), so the black border of the
     * warp and the photo's overall contrast do not count.
     */
    public static double sharpness(BgrImage crop) {
        try (Mat bgr = crop.toMat(); Mat grey = new Mat(); Mat laplacian = new Mat()) {
            opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
            opencv_imgproc.Laplacian(grey, laplacian, CV_64F);
            try (Rect centre = centre(crop); Mat greyCentre = grey.apply(centre); Mat lapCentre = laplacian.apply(centre)) {
                double contrast = variance(greyCentre);
                return contrast < 1e-6 ? 0 : 100 * variance(lapCentre) / contrast;
            }
        }
    }

    private static Rect centre(BgrImage crop) {
        int x0 = crop.width() * 24 / 112;
        int y0 = crop.height() * 36 / 112;
        return new Rect(x0, y0, crop.width() - 2 * x0, crop.height() * 100 / 112 - y0);
    }

    private static double variance(Mat m) {
        try (Mat mean = new Mat(); Mat stddev = new Mat()) {
            opencv_core.meanStdDev(m, mean, stddev);
            double sd = stddev.createIndexer().getDouble(0);
            return sd * sd;
        }
    }
}
