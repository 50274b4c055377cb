package io.faceflow.core.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.model.InputSpec;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default model made from a local copy of fr_feature.onnx, as `models fetch` and CI do; nothing is downloaded. */
class PretrainedRecognizerTest {
    @TempDir
    Path models;

    @Test
    void aLocalCopyBecomesAReadyTrainableBundleWithItsLicence() throws Exception {
        Files.copy(TestResources.pretrainedRecognizer(), models.resolve(ModelFetcher.FR_FEATURE.fileName()));
        assertTrue(ModelFetcher.present(ModelFetcher.FR_FEATURE, models), "the published checksum");

        Path bundle = PretrainedRecognizer.ensureBundle(models, models.resolve("bundle"));
        assertEquals(models.resolve("bundle"), bundle);
        BundleManifest m = ModelBundle.readManifest(bundle);
        assertEquals(WeightsFormat.DJL, m.format());
        assertEquals("mobilefacenet", m.architecture());
        assertEquals(InputSpec.MOBILEFACENET, m.input());
        assertEquals(ModelFetcher.FR_FEATURE.sha256(), m.trainingSummary().get("source_sha256"));
        assertTrue(String.valueOf(m.trainingSummary().get("licence")).startsWith("MIT"));
        assertTrue(Files.readString(bundle.resolve(OnnxImport.LICENCE_FILE)).contains("Copyright (c) 2021 gitguanqi"));

        // A second call reuses the bundle instead of rewriting it.
        long written = Files.getLastModifiedTime(bundle.resolve(ModelBundle.DJL_WEIGHTS)).toMillis();
        PretrainedRecognizer.ensureBundle(models, bundle);
        assertEquals(written, Files.getLastModifiedTime(bundle.resolve(ModelBundle.DJL_WEIGHTS)).toMillis());

        // A bundle made before serving copies existed gets the published file as its copy, same version.
        assertNotNull(m.serving(), "made with its serving copy");
        Files.delete(bundle.resolve(m.serving().file()));
        ModelBundle.writeManifest(bundle, m.withServing(null));
        PretrainedRecognizer.ensureBundle(models, bundle);
        BundleManifest upgraded = ModelBundle.readManifest(bundle);
        assertEquals(m.serving(), upgraded.serving());
        assertEquals(m.version(), upgraded.version());
        assertEquals(ModelFetcher.FR_FEATURE.sha256(), ModelBundle.sha256(bundle.resolve(upgraded.serving().file())));
    }

    @Test
    void aFileWithAnotherChecksumOrNoFileAtAllIsRefusedWithWhatToRun() throws Exception {
        Path bundle = models.resolve("bundle");
        var none = assertThrows(IllegalArgumentException.class, () -> PretrainedRecognizer.ensureBundle(models, bundle));
        assertTrue(none.getMessage().contains("faceflow models fetch"), none.getMessage());

        Path changed = models.resolve(ModelFetcher.FR_FEATURE.fileName());
        Files.copy(TestResources.pretrainedRecognizer(), changed);
        Files.write(changed, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        var wrong = assertThrows(IllegalArgumentException.class, () -> PretrainedRecognizer.ensureBundle(models, bundle));
        assertTrue(wrong.getMessage().contains("not the published"), wrong.getMessage());
        assertTrue(!Files.exists(bundle.resolve(ModelBundle.MANIFEST)));
    }
}
