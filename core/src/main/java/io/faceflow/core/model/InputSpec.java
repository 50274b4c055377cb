package io.faceflow.core.model;

import io.faceflow.core.image.BgrImage;
import java.util.Locale;

/**
 * How a recognition model expects its input: square crops of {@code size} pixels, channels in
 * {@code channelOrder} (RGB or BGR), each value fed as {@code (pixel - mean) / std}, NCHW.
 */
public record InputSpec(int size, String channelOrder, double mean, double std) {
    /** The iResNet convention: RGB, (x/255 - 0.5)/0.5, i.e. (x - 127.5)/127.5. */
    public static final InputSpec ARCFACE = new InputSpec(112, "RGB", 127.5, 127.5);

    /** The pretrained MobileFaceNet (fr_feature.onnx): RGB, (x - 127.5) / 128. */
    public static final InputSpec MOBILEFACENET = new InputSpec(112, "RGB", 127.5, 128);

    public InputSpec {
        channelOrder = channelOrder.toUpperCase(Locale.ROOT);
        if (!channelOrder.equals("RGB") && !channelOrder.equals("BGR")) {
            throw new IllegalArgumentException("channelOrder must be RGB or BGR, got " + channelOrder);
        }
        if (size < 16 || std <= 0) {
            throw new IllegalArgumentException("input size must be >= 16 and std > 0");
        }
    }

    public boolean rgb() {
        return channelOrder.equals("RGB");
    }

    /**
     * Writes {@code crop} as the model's input: three planes in this spec's channel order, each
     * value {@code (pixel - mean) / std}, starting at {@code offset} in {@code out}.
     */
    public void writeChw(BgrImage crop, float[] out, int offset) {
        if (crop.width() != size || crop.height() != size) {
            throw new IllegalArgumentException("model expects " + size + "x" + size
                    + " aligned crops, got " + crop.width() + "x" + crop.height());
        }
        int plane = size * size;
        float m = (float) mean;
        float scale = (float) (1.0 / std);
        byte[] px = crop.pixels();
        int first = rgb() ? 2 : 0;
        for (int i = 0; i < plane; i++) {
            out[offset + i] = ((px[i * 3 + first] & 0xFF) - m) * scale;
            out[offset + plane + i] = ((px[i * 3 + 1] & 0xFF) - m) * scale;
            out[offset + 2 * plane + i] = ((px[i * 3 + 2 - first] & 0xFF) - m) * scale;
        }
    }
}
