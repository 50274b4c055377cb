package io.faceflow.recognition;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.Calibration;
import java.util.Locale;

/**
 * The similarity a face must reach to be named: given explicitly, or the bundle's calibrated
 * threshold. A bundle without calibration gives no threshold; deciding then needs one explicitly.
 *
 * @param value cosine similarity in [-1, 1]
 * @param source where it came from, for logs and output ("--threshold", "calibrated: ...")
 */
public record DecisionThreshold(double value, String source) {
    public DecisionThreshold {
        if (!(value >= -1 && value <= 1)) {
            throw new IllegalArgumentException("a decision threshold is a cosine similarity in [-1, 1], got " + value);
        }
    }

    /**
     * {@code explicit} when given, else the bundle's calibration; fails with what to do when neither
     * exists.
     */
    public static DecisionThreshold resolve(BundleManifest model, Double explicit) {
        if (explicit != null) {
            return new DecisionThreshold(explicit, "given");
        }
        Calibration c = model.calibration();
        if (c == null) {
            throw new IllegalArgumentException("model " + model.version() + " has no calibrated decision threshold:"
                    + " pass --threshold T (a cosine similarity), or calibrate the bundle first with"
                    + " `faceflow eval --model BUNDLE --ident DIR --calibrate` (or --pairs/--bin)");
        }
        return new DecisionThreshold(c.threshold(), String.format(Locale.ROOT, "calibrated at FAR %.0e on %s",
                c.falseAcceptRate(), c.data()));
    }
}
