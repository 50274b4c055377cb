package io.faceflow.training.data;

import java.util.Locale;

/**
 * How an image file becomes a 112x112 aligned face.
 *
 * <ul>
 *   <li>{@link #DETECT}: YuNet finds the face, the 5 landmarks align it; images with no face or
 *       with several faces are rejected (and reported).
 *   <li>{@link #ALIGNED}: the file already is a face crop (ORL 92x112, Yale B 168x192, an aligned
 *       112x112 set); it is resized to 112x112 without detection. The crop's framing then differs
 *       from the ArcFace template, which is fine for training and testing within such a set.
 *   <li>{@link #DETECT_OR_RESIZE}: detect and align; when no face is found, fall back to treating
 *       the whole image as a crop. Several faces are still rejected (which one would be meant?).
 * </ul>
 */
public enum CropMode {
    DETECT,
    ALIGNED,
    DETECT_OR_RESIZE;

    /** Parses the command-line spelling: detect, aligned, detect-or-resize. */
    public static CropMode parse(String text) {
        for (CropMode mode : values()) {
            if (mode.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown crop mode '" + text + "': use detect, aligned or detect-or-resize");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean detects() {
        return this != ALIGNED;
    }
}
