package io.faceflow.core.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns encoded bytes (JPEG, PNG, GIF, BMP, PGM/PPM) or raw BGR frames into {@link BgrImage}s.
 *
 * <p>Every input is checked before decoding: format by magic bytes, size from the header against
 * {@link Limits}, and completeness, so hostile or broken input ends in an
 * {@link InvalidImageException}, never in a native crash or a huge allocation.
 */
public final class ImageDecoder {

    /** Size bounds for accepted images. */
    public record Limits(int minSide, long maxPixels) {
        /** 16 px is below any detectable face; 100 MP is far above any camera frame. */
        public static final Limits DEFAULT = new Limits(16, 100_000_000L);

        public Limits {
            if (minSide < 1 || maxPixels < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private final Limits limits;

    public ImageDecoder() {
        this(Limits.DEFAULT);
    }

    public ImageDecoder(Limits limits) {
        this.limits = limits;
    }

    public BgrImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException("empty input: no image bytes");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        ImageFormat.Dimensions size = format.dimensions(bytes);
        checkSize(size.width(), size.height(), format.name());
        if (!format.isComplete(bytes)) {
            throw new InvalidImageException("truncated " + format + ": the data ends before the image does ("
                    + bytes.length + " bytes)");
        }
        BgrImage image = format == ImageFormat.GIF ? decodeWithImageIo(bytes, format) : decodeWithOpenCv(bytes, format);
        if (image.width() != size.width() || image.height() != size.height()) {
            throw new InvalidImageException("corrupt " + format + ": header says " + size.width() + "x"
                    + size.height() + " but " + image.width() + "x" + image.height() + " decoded");
        }
        return image;
    }

    /** Wraps a raw frame of B, G, R bytes, checking its size like an encoded image. */
    public BgrImage fromRaw(byte[] bgr, int width, int height) {
        checkSize(width, height, "raw BGR frame");
        if (bgr.length != (long) width * height * 3) {
            throw new InvalidImageException("raw BGR frame of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + bgr.length);
        }
        return new BgrImage(width, height, bgr);
    }

    private void checkSize(int width, int height, String what) {
        if (width < limits.minSide() || height < limits.minSide()) {
            throw new InvalidImageException(what + " is " + width + "x" + height + " pixels, below the "
                    + limits.minSide() + "x" + limits.minSide() + " minimum");
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new InvalidImageException(what + " is " + width + "x" + height + " pixels, above the limit of "
                    + limits.maxPixels() + " pixels; downscale it first");
        }
    }

    private static BgrImage decodeWithOpenCv(byte[] bytes, ImageFormat format) {
        try (BytePointer data = new BytePointer(bytes);
                Mat encoded = new Mat(1, bytes.length, CV_8U, data);
                Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
            if (decoded == null || decoded.empty()) {
                throw new InvalidImageException("corrupt " + format + ": the decoder could not read it");
            }
            return BgrImage.fromMat(decoded);
        }
    }

    private static BgrImage decodeWithImageIo(byte[] bytes, ImageFormat format) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            if (decoded == null) {
                throw new InvalidImageException("corrupt " + format + ": the decoder could not read it");
            }
            return fromBufferedImage(decoded);
        } catch (IOException e) {
            throw new InvalidImageException("corrupt " + format + ": " + e.getMessage(), e);
        }
    }

    static BgrImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] bgr = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            bgr[i * 3] = (byte) argb[i];
            bgr[i * 3 + 1] = (byte) (argb[i] >> 8);
            bgr[i * 3 + 2] = (byte) (argb[i] >> 16);
        }
        return new BgrImage(w, h, bgr);
    }
}
