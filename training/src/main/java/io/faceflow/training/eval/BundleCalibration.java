package io.faceflow.training.eval;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import java.nio.file.Path;

/**
 * Places a bundle's decision threshold at a false-accept rate of a verification and writes it into
 * the bundle's manifest: the one way a bundle is calibrated, by {@code faceflow eval --calibrate}
 * and after training alike.
 */
public final class BundleCalibration {
    private BundleCalibration() {}

    /**
     * Writes {@code manifest} with the threshold calibrated on {@code verification} at {@code far}
     * into {@code bundle}, and returns what it wrote.
     *
     * @param data what the verification ran on, kept with the threshold
     * @throws IllegalArgumentException when the verification cannot place a threshold at {@code far};
     *     nothing is written then
     */
    public static BundleManifest write(Path bundle, BundleManifest manifest, VerificationReport verification,
            double far, String data) {
        BundleManifest calibrated = manifest.withCalibration(verification.calibration(far, data));
        ModelBundle.writeManifest(bundle, calibrated);
        return calibrated;
    }
}
