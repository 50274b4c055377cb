package io.faceflow.streams.unknowns;

import java.time.Duration;

/**
 * How unknown tracks are clustered into candidates.
 *
 * @param groupId the clusterer's consumer group (its committed offsets say what the candidates hold)
 * @param joinThreshold a track joins the nearest candidate whose centroid is at least this similar
 *     (cosine); null to use the decision threshold each event was decided with, so clustering
 *     follows the live model and its calibration
 * @param maxShots the most best shots a candidate keeps (the most diverse ones)
 * @param visitGap a track on the same camera within this of a candidate's last visit extends that visit
 */
public record UnknownsSettings(String groupId, Double joinThreshold, int maxShots, Duration visitGap) {
    public static final int DEFAULT_MAX_SHOTS = 5;
    public static final Duration DEFAULT_VISIT_GAP = Duration.ofMinutes(10);

    public UnknownsSettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("unknowns.group.id must not be blank");
        }
        if (joinThreshold != null && !(joinThreshold > -1 && joinThreshold <= 1)) {
            throw new IllegalArgumentException("unknowns.join.threshold must be a cosine in (-1, 1], got "
                    + joinThreshold);
        }
        if (maxShots < 1) {
            throw new IllegalArgumentException("unknowns.max.shots must be >= 1, got " + maxShots);
        }
        if (visitGap == null || visitGap.isNegative()) {
            throw new IllegalArgumentException("unknowns.visit.gap.ms must be >= 0, got "
                    + (visitGap == null ? null : visitGap.toMillis()));
        }
    }

    /** The clusterer's group for a processor of {@code applicationId}: one per application, beside its streams group. */
    public static String defaultGroup(String applicationId) {
        return applicationId + "-unknowns";
    }
}
