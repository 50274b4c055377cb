package io.faceflow.core.image;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes {@link BgrImage}s for storage (lossless PNG crops) and transport (JPEG frames). */
public final class ImageEncoder {
    private ImageEncoder() {}

    public static byte[] png(BgrImage image) {
        return encode(image, ".png", new int[0]);
    }

    public static byte[] jpeg(BgrImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        return encode(image, ".jpg", new int[] {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality});
    }

    private static byte[] encode(BgrImage image, String extension, int[] params) {
        try (Mat mat = image.toMat(); IntPointer p = new IntPointer(params)) {
            return encode(mat, extension, p);
        }
    }

    /** Encodes an 8-bit BGR matrix; {@code params} are OpenCV's imwrite flags. */
    public static byte[] encode(Mat mat, String extension, IntPointer params) {
        try (BytePointer out = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(extension, mat, out, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + mat.cols() + "x" + mat.rows()
                        + " image as " + extension);
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }
}
