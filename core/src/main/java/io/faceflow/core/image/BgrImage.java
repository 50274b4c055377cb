package io.faceflow.core.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded 8-bit colour image, pixels interleaved B, G, R row by row: the one image type that
 * decoders produce and every stage (detection, alignment, embedding) consumes.
 *
 * <p>Pixels live on the Java heap so an image never leaks native memory; OpenCV views are made
 * on demand with {@link #toMat()}. The pixel array is handed over, not copied: treat it as
 * read-only.
 */
public final class BgrImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    public BgrImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " BGR image needs "
                    + (long) width * height * 3 + " bytes, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The B, G, R bytes, row-major; do not modify. */
    public byte[] pixels() {
        return pixels;
    }

    /** A new OpenCV matrix holding a copy of the pixels; the caller closes it. */
    public Mat toMat() {
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(pixels);
        return mat;
    }

    /** Copies an 8-bit OpenCV image of 1, 3 or 4 channels into a BGR image. */
    public static BgrImage fromMat(Mat mat) {
        if (mat.empty()) {
            throw new IllegalArgumentException("empty image");
        }
        try (Mat bgr = toBgr(mat)) {
            Mat continuous = bgr.isContinuous() ? bgr : bgr.clone();
            try {
                byte[] pixels = new byte[bgr.rows() * bgr.cols() * 3];
                continuous.data().get(pixels);
                return new BgrImage(bgr.cols(), bgr.rows(), pixels);
            } finally {
                if (continuous != bgr) {
                    continuous.close();
                }
            }
        }
    }

    /** A copy resized to {@code newWidth} x {@code newHeight} (area interpolation: no aliasing when shrinking). */
    public BgrImage resized(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        try (Mat src = toMat(); Mat dst = new Mat(); org.bytedeco.opencv.opencv_core.Size size =
                new org.bytedeco.opencv.opencv_core.Size(newWidth, newHeight)) {
            opencv_imgproc.resize(src, dst, size, 0, 0, opencv_imgproc.INTER_AREA);
            return fromMat(dst);
        }
    }

    /** The mirror image (left and right swapped), as used for flip-averaged embeddings. */
    public BgrImage flipHorizontal() {
        byte[] flipped = new byte[pixels.length];
        int row = width * 3;
        for (int y = 0; y < height; y++) {
            int base = y * row;
            for (int x = 0; x < width; x++) {
                int from = base + x * 3;
                int to = base + (width - 1 - x) * 3;
                flipped[to] = pixels[from];
                flipped[to + 1] = pixels[from + 1];
                flipped[to + 2] = pixels[from + 2];
            }
        }
        return new BgrImage(width, height, flipped);
    }

    private static Mat toBgr(Mat mat) {
        Mat out = new Mat();
        switch (mat.channels()) {
            case 1 -> opencv_imgproc.cvtColor(mat, out, opencv_imgproc.COLOR_GRAY2BGR);
            case 3 -> mat.copyTo(out);
            case 4 -> opencv_imgproc.cvtColor(mat, out, opencv_imgproc.COLOR_BGRA2BGR);
            default -> throw new IllegalArgumentException("unsupported channel count " + mat.channels());
        }
        return out;
    }
}
