package io.faceflow.recognition;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.index.gallery.Negative;
import io.faceflow.index.gallery.NegativeStore;
import java.util.Base64;

/**
 * "Not this person" on an alert, as the console and {@code faceflow correct --not} make it: the
 * alert's face is kept as a negative of the identity it named. Nothing is enrolled: the correction
 * only informs calibration (see {@link NegativeReport}).
 */
public final class AlertCorrection {
    private AlertCorrection() {}

    /**
     * Stores the face of {@code alert} as a negative of its identity, said by {@code by} at
     * {@code atMs}. Returns false when that alert was corrected before (the first correction stays).
     *
     * @throws IllegalArgumentException when the alert carries no face (thumbnails off)
     */
    public static boolean notThisPerson(NegativeStore store, MatchAlert alert, String by, long atMs) {
        byte[] face = alert.thumbnail() == null ? null : Base64.getDecoder().decode(alert.thumbnail());
        return store.add(new Negative(alert.identityId(), alert.alertId(), alert.cameraId(), alert.captureTimeMs(),
                alert.modelVersion(), alert.score(), alert.threshold(), by, atMs), face);
    }
}
