package io.faceflow.streams.sightings;

import java.time.Duration;

/**
 * How the sighting store is filled from {@code faceflow.sightings}.
 *
 * @param groupId the sink's consumer group (its committed offsets say what the store holds)
 * @param batchRecords a batch is written once it holds this many sightings...
 * @param batchWait ...or once its first sighting has waited this long: the most "searchable" lags
 *     behind "alerted", besides the write itself
 * @param retention sightings older than this are deleted and never written (zero keeps them forever)
 */
public record SightingSinkSettings(String groupId, int batchRecords, Duration batchWait, Duration retention) {
    public SightingSinkSettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("sightings.group.id must not be blank");
        }
        if (batchRecords < 1) {
            throw new IllegalArgumentException("sightings.batch.records must be >= 1, got " + batchRecords);
        }
        if (batchWait.isNegative()) {
            throw new IllegalArgumentException("sightings.batch.ms must be >= 0, got " + batchWait.toMillis());
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("sightings.retention.ms must be >= 0 (0 keeps sightings forever)");
        }
    }

    /** The sink's group for a processor of {@code applicationId}: one per application, beside its streams group. */
    public static String defaultGroup(String applicationId) {
        return applicationId + "-sightings";
    }
}
