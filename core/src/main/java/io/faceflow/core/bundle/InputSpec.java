package io.faceflow.core.bundle;

import java.util.Locale;

/**
 * How a recognition model expects its input: square crops of {@code size} pixels, channels in
 * {@code channelOrder} (RGB or BGR), each value fed as {@code (pixel - mean) / std}, NCHW.
 */
public record InputSpec(int size, String channelOrder, double mean, double std) {
    /** The iResNet convention: RGB, (x/255 - 0.5)/0.5, i.e. (x - 127.5)/127.5. */
    public static final InputSpec ARCFACE = new InputSpec(112, "RGB", 127.5, 127.5);

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
}
