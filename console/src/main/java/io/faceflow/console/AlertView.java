package io.faceflow.console;

import io.faceflow.contract.message.MatchAlert;
import java.util.List;

/**
 * An alert as the live page shows it.
 *
 * @param thumbnail the face as the camera saw it, a data: URI; null when the stream attaches no thumbnails
 * @param receivedMs when the console read the alert from Kafka (the page adds when it showed it)
 * @param trackId the face track alerted (the stream's tracked mode), with when it was first and
 *     last seen and how many faces its decision used; null (and the rest 0) for a one-frame alert
 * @param watchlists the person's watchlists; empty when none
 */
record AlertView(String alertId, String cameraId, long captureTimeMs, String identityId, String displayName,
        double score, double threshold, String modelVersion, String thumbnail, long receivedMs, String trackId,
        long firstSeenMs, long lastSeenMs, int facesUsed, List<String> watchlists) {
    static AlertView of(MatchAlert a, long receivedMs) {
        boolean tracked = a.trackId() != null;
        return new AlertView(a.alertId(), a.cameraId(), a.captureTimeMs(), a.identityId(), a.displayName(), a.score(),
                a.threshold(), a.modelVersion(), a.thumbnail() == null ? null : "data:image/jpeg;base64," + a.thumbnail(),
                receivedMs, a.trackId(), tracked ? a.firstSeenMs() : 0, tracked ? a.lastSeenMs() : 0,
                tracked ? a.facesUsed() : 0, a.watchlists() == null ? List.of() : a.watchlists());
    }
}
