package io.faceflow.console;

import io.faceflow.contract.message.MatchAlert;

/**
 * An alert as the live page shows it.
 *
 * @param thumbnail the face as the camera saw it, a data: URI; null when the stream attaches no thumbnails
 * @param receivedMs when the console read the alert from Kafka (the page adds when it showed it)
 */
record AlertView(String alertId, String cameraId, long captureTimeMs, String identityId, String displayName,
        double score, double threshold, String modelVersion, String thumbnail, long receivedMs) {
    static AlertView of(MatchAlert a, long receivedMs) {
        return new AlertView(a.alertId(), a.cameraId(), a.captureTimeMs(), a.identityId(), a.displayName(), a.score(),
                a.threshold(), a.modelVersion(), a.thumbnail() == null ? null : "data:image/jpeg;base64," + a.thumbnail(),
                receivedMs);
    }
}
