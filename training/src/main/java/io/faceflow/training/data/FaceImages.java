package io.faceflow.training.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decoding and tensor layout of aligned face crops: RGB, CHW, (x/255 - 0.5) / 0.5 as the backbone expects. */
public final class FaceImages {
    private FaceImages() {}

    /** Decodes JPEG/PNG bytes. */
    public static BufferedImage decode(byte[] encoded) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new IllegalArgumentException("not a JPEG/PNG image (" + encoded.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode image of " + encoded.length + " bytes", e);
        }
    }

    /** Encodes as PNG (lossless, for tests and fixtures). */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RGB planes, normalised to [-1, 1]. */
    public static float[] toChw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[3 * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int i = y * w + x;
                out[i] = normalise((rgb >> 16) & 0xff);
                out[plane + i] = normalise((rgb >> 8) & 0xff);
                out[2 * plane + i] = normalise(rgb & 0xff);
            }
        }
        return out;
    }

    private static float normalise(int v) {
        return (v / 255f - 0.5f) / 0.5f;
    }
}
