package io.faceflow.core.fetch;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.Calibration;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.model.MobileFaceNet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model faceflow uses when none is named: the published MobileFaceNet ({@code fr_feature.onnx})
 * as a trainable DJL bundle. The ONNX file is read from the models folder (which may be shared and
 * read-only, as in CI); the bundle is made from it once, after its SHA-256 is checked, in the user's
 * own {@code ~/.faceflow/bundles}, and remade only when missing.
 */
public final class PretrainedRecognizer {
    public static final String BUNDLE_DIR = "mobilefacenet-fr_feature";
    public static final String NAME = "mobilefacenet-fr_feature";
    public static final OnnxImport.Provenance PROVENANCE = new OnnxImport.Provenance(
            "model/fr_feature.onnx of github.com/Faceplugin-ltd/FaceRecognition-LivenessDetection-Javascript"
                    + " (sha256 " + ModelFetcher.FR_FEATURE.sha256() + ")",
            "MIT, Copyright (c) 2021 gitguanqi (full text in " + OnnxImport.LICENCE_FILE + ")", licenceText());

    /**
     * The decision threshold this model ships with, so that identification works out of the box:
     * {@code faceflow eval --calibrate --far 1e-3} on the ORL faces (40 people, 400 photos,
     * detect-or-resize crops), run on this model on 2026-12-02. The streams end-to-end test
     * calibrates again on the same data and checks it still agrees. Calibrate on your own faces
     * (`faceflow eval --calibrate`) to replace it.
     */
    public static final Calibration CALIBRATION = new Calibration(0.3843, 1e-3, 0.9972,
            "identity folders orl_faces (40 identities, 400 images), shipped with the pretrained bundle", 1800,
            "2026-12-02T01:53:46Z");

    private PretrainedRecognizer() {}

    /** Where the bundle is kept: {@code ~/.faceflow/bundles/mobilefacenet-fr_feature}. */
    public static Path defaultBundle() {
        return Path.of(System.getProperty("user.home"), ".faceflow", "bundles", BUNDLE_DIR);
    }

    /** {@link #ensureBundle(Path, Path)} at the {@link #defaultBundle()}. */
    public static Path ensureBundle(Path modelsFolder) {
        return ensureBundle(modelsFolder, defaultBundle());
    }

    /**
     * The bundle at {@code bundle}, made from the {@code fr_feature.onnx} in {@code modelsFolder}
     * when missing; downloads nothing. Fails, saying what to run, when neither is there.
     */
    public static Path ensureBundle(Path modelsFolder, Path bundle) {
        Path onnx = modelsFolder.resolve(ModelFetcher.FR_FEATURE.fileName());
        if (Files.isRegularFile(bundle.resolve(ModelBundle.MANIFEST))) {
            addServingCopyIfMissing(bundle, addCalibrationIfMissing(bundle, ModelBundle.readManifest(bundle)), onnx);
            return bundle;
        }
        if (!Files.isRegularFile(onnx)) {
            throw new IllegalArgumentException("no model given and no pretrained model in " + modelsFolder
                    + ": run `faceflow models fetch` (or pass --model BUNDLE)");
        }
        return fromLocalCopy(onnx, bundle);
    }

    /**
     * Makes the bundle from a local copy of the published file, refusing a file whose SHA-256 is not
     * the published one (the weights would not be the model this licence and these figures are for).
     */
    public static Path fromLocalCopy(Path onnx, Path bundle) {
        String actual = ModelBundle.sha256(onnx);
        if (!actual.equalsIgnoreCase(ModelFetcher.FR_FEATURE.sha256())) {
            throw new IllegalArgumentException(onnx + " has SHA-256 " + actual + ", not the published "
                    + ModelFetcher.FR_FEATURE.sha256() + " of fr_feature.onnx: fetch it again with"
                    + " `faceflow models fetch`, or import your own file with `faceflow models import`");
        }
        addCalibrationIfMissing(bundle, OnnxImport.toDjlBundle(onnx, bundle, MobileFaceNet.ARCH, NAME, PROVENANCE));
        return bundle;
    }

    /**
     * Bundles made before serving copies existed get the published file as theirs, once it passes
     * the checksum; without the file they keep embedding through the PyTorch engine.
     */
    private static void addServingCopyIfMissing(Path bundle, BundleManifest manifest, Path onnx) {
        if (manifest.serving() == null && Files.isRegularFile(onnx)
                && ModelBundle.sha256(onnx).equalsIgnoreCase(ModelFetcher.FR_FEATURE.sha256())) {
            OnnxImport.addServingCopy(manifest, onnx, bundle);
        }
    }

    /**
     * Bundles made before the shipped calibration existed get it too; a user's own calibration is
     * kept. Returns the manifest as it now is on disk.
     */
    private static BundleManifest addCalibrationIfMissing(Path bundle, BundleManifest manifest) {
        if (manifest.calibration() != null) {
            return manifest;
        }
        BundleManifest calibrated = manifest.withCalibration(CALIBRATION);
        ModelBundle.writeManifest(bundle, calibrated);
        return calibrated;
    }

    private static String licenceText() {
        try (InputStream in = PretrainedRecognizer.class.getResourceAsStream("LICENSE-fr_feature.txt")) {
            if (in == null) {
                throw new IllegalStateException("LICENSE-fr_feature.txt is missing from faceflow-core's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
