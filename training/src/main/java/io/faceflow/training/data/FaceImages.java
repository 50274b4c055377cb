package io.faceflow.training.data;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.InputSpec;
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

    /**
     * The backbone's input for an aligned crop: RGB planes, (x - 127.5) / 127.5, written by the
     * same {@link InputSpec#writeChw} that inference uses, so training and serving cannot drift apart.
     */
    public static float[] toChw(BufferedImage image) {
        BgrImage bgr = toBgr(image);
        float[] out = new float[3 * bgr.width() * bgr.height()];
        new InputSpec(bgr.width(), "RGB", InputSpec.ARCFACE.mean(), InputSpec.ARCFACE.std()).writeChw(bgr, out, 0);
        return out;
    }

    /** The pixels of {@code image} as core's BGR image. */
    public static BgrImage toBgr(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * w + x) * 3;
                px[i] = (byte) rgb;
                px[i + 1] = (byte) (rgb >> 8);
                px[i + 2] = (byte) (rgb >> 16);
            }
        }
        return new BgrImage(w, h, px);
    }
}
