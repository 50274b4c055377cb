package io.faceflow.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.Calibration;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.model.InputSpec;
import io.faceflow.index.SearchHit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static SearchHit hit(String id, float score) {
        return new SearchHit(id, id.toUpperCase(), "t", score, Map.of());
    }

    @Test
    void theBestCandidateIsNamedOnlyAtOrAboveTheThreshold() {
        Decision named = Decision.of(List.of(hit("amy", 0.61f), hit("raj", 0.2f)), 0.6);
        assertTrue(named.known());
        assertEquals("amy", named.identityId());
        assertEquals("AMY (amy)", named.label());
        Decision stranger = Decision.of(List.of(hit("amy", 0.59f)), 0.6);
        assertFalse(stranger.known());
        assertNull(stranger.identityId());
        assertEquals("unknown", stranger.label());
        assertEquals(0.59, stranger.score(), 1e-6);
        Decision empty = Decision.of(List.of(), 0.6);
        assertFalse(empty.known());
        assertTrue(Double.isNaN(empty.score()));
    }

    @Test
    void anIdentitysOverrideWinsOverItsCamerasAndAnImageFromNoCameraTakesTheModels() {
        DecisionOverrides o = new DecisionOverrides(Map.of("door", 0.9), Map.of("amy", 0.95));
        assertEquals(0.95, o.thresholdFor("door", "amy", 0.5));
        assertEquals(0.9, o.thresholdFor("door", "raj", 0.5));
        assertEquals(0.9, o.thresholdFor("door", null, 0.5), "an empty gallery still shows the camera's bar");
        assertEquals(0.5, o.thresholdFor("hall", "raj", 0.5));
        assertEquals(0.5, o.thresholdFor(null, "raj", 0.5));
        assertEquals(0.95, o.thresholdFor(null, "amy", 0.5));
    }

    private static BundleManifest manifest(Calibration c) {
        return new BundleManifest(1, "m", "m-1", WeightsFormat.ONNX, "imported", 512, 0, InputSpec.MOBILEFACENET,
                "model.onnx", "00", false, null, null, null, null, null, EmbeddingProtocol.PLAIN, c, null);
    }

    @Test
    void thresholdComesFromTheCallerOrTheCalibrationAndNeverFromNowhere() {
        Calibration c = new Calibration(0.42, 1e-3, 0.97, "orl_faces", 3000, "2026-12-01T00:00:00Z");
        assertEquals(0.42, DecisionThreshold.resolve(manifest(c), null).value());
        assertTrue(DecisionThreshold.resolve(manifest(c), null).source().contains("orl_faces"));
        assertEquals(0.3, DecisionThreshold.resolve(manifest(c), 0.3).value());
        var e = assertThrows(IllegalArgumentException.class, () -> DecisionThreshold.resolve(manifest(null), null));
        assertTrue(e.getMessage().contains("--threshold") && e.getMessage().contains("--calibrate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecisionThreshold.resolve(manifest(null), 1.5));
    }
}
