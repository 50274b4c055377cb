package io.faceflow.ingest.encode;

/** The largest size allowed; images are scaled down to fit, keeping aspect ratio, never up. 0 = no limit. */
public record ResizeCap(int maxWidth, int maxHeight) {
    public static final ResizeCap NONE = new ResizeCap(0, 0);

    /** The output size for an input of this size: {width, height}, both even-safe and at least 1. */
    public int[] fit(int width, int height) {
        double scale = 1.0;
        if (maxWidth > 0 && width > maxWidth) {
            scale = Math.min(scale, (double) maxWidth / width);
        }
        if (maxHeight > 0 && height > maxHeight) {
            scale = Math.min(scale, (double) maxHeight / height);
        }
        if (scale >= 1.0) {
            return new int[] {width, height};
        }
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }
}
