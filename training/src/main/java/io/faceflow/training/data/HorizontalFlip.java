package io.faceflow.training.data;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;

/** Horizontal flip: the only training augmentation of the reference, and the test-time flip of evaluation. */
public final class HorizontalFlip {
    private HorizontalFlip() {}

    /** A mirrored copy of the image. */
    public static BufferedImage flip(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Packed RGB(A) whatever the source type: indexed or custom types cannot be created bare.
        BufferedImage out = new BufferedImage(w, h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(w - 1 - x, y, image.getRGB(x, y));
            }
        }
        return out;
    }

    /** Mirrors a CHW float image (channels, height, width) into a new array. */
    public static float[] flipChw(float[] chw, int channels, int height, int width) {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException("array of " + chw.length + " values is not " + channels + "x" + height + "x" + width);
        }
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int row = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    out[row + width - 1 - x] = chw[row + x];
                }
            }
        }
        return out;
    }

    /** Mirrors an NCHW or CHW tensor along its last (width) axis. */
    public static NDArray flip(NDArray images) {
        return images.flip(images.getShape().dimension() - 1);
    }
}
