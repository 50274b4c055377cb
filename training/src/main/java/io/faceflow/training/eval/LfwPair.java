package io.faceflow.training.eval;

import java.util.Locale;

/**
 * One line of LFW's pairs.txt.
 *
 * @param fold 0-based fold (set) the pair belongs to
 */
public record LfwPair(String leftName, int leftNumber, String rightName, int rightNumber, boolean same, int fold) {

    /** Path of the left image relative to the LFW root: {@code Name/Name_0001.jpg}. */
    public String leftPath() {
        return path(leftName, leftNumber);
    }

    public String rightPath() {
        return path(rightName, rightNumber);
    }

    private static String path(String name, int number) {
        return String.format(Locale.ROOT, "%s/%s_%04d.jpg", name, name, number);
    }
}
