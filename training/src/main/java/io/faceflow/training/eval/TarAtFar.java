package io.faceflow.training.eval;

import java.util.Arrays;

/**
 * True-accept rate at a fixed false-accept rate, on squared-L2 distances (accept when distance &lt; threshold).
 *
 * <p>The threshold is the k-th smallest impostor distance with k = floor(FAR * impostors), so at
 * most k impostor pairs fall strictly below it: the achieved FAR never exceeds the target.
 */
public final class TarAtFar {
    private TarAtFar() {}

    public static OperatingPoint compute(double[] distances, boolean[] same, double far) {
        if (!(far > 0 && far <= 1)) {
            throw new IllegalArgumentException("FAR must be in (0, 1], got " + far);
        }
        if (distances.length != same.length) {
            throw new IllegalArgumentException(distances.length + " distances but " + same.length + " labels");
        }
        double[] impostors = Arrays.stream(indices(same, false)).mapToDouble(i -> distances[i]).sorted().toArray();
        int[] genuine = indices(same, true);
        if (impostors.length == 0 || genuine.length == 0) {
            throw new IllegalArgumentException("TAR at FAR needs both genuine and impostor pairs; got "
                    + genuine.length + " genuine and " + impostors.length + " impostor");
        }
        int k = (int) Math.floor(far * impostors.length);
        double threshold = k >= impostors.length ? Double.POSITIVE_INFINITY : impostors[k];
        long accepted = Arrays.stream(genuine).filter(i -> distances[i] < threshold).count();
        long falseAccepted = Arrays.stream(impostors).filter(d -> d < threshold).count();
        return new OperatingPoint(far, threshold, (double) accepted / genuine.length,
                (double) falseAccepted / impostors.length);
    }

    static int[] indices(boolean[] same, boolean want) {
        return java.util.stream.IntStream.range(0, same.length).filter(i -> same[i] == want).toArray();
    }
}
