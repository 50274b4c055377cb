package io.faceflow.app.alerts;

import io.faceflow.contract.message.MatchAlert;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One match alert as a person reads it in a terminal. */
public final class AlertLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private AlertLine() {}

    /**
     * @param seenAtMs when this reader received the alert: the gap to the frame's capture time is
     *                 what a downstream service experiences (capture, ingest, Kafka, processing, Kafka)
     */
    public static String format(MatchAlert alert, long seenAtMs) {
        String who = alert.displayName() == null || alert.displayName().equals(alert.identityId())
                ? alert.identityId() : alert.displayName() + " (" + alert.identityId() + ")";
        return String.format(Locale.ROOT, "%s  %-24s camera %-12s score %.3f (threshold %.3f)  %5d ms after capture"
                        + "  frame %d  model %s",
                TIME.format(Instant.ofEpochMilli(alert.captureTimeMs())), who, alert.cameraId(), alert.score(),
                alert.threshold(), seenAtMs - alert.captureTimeMs(), alert.sequence(), alert.modelVersion());
    }
}
