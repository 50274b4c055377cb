package io.faceflow.streams.unknowns;

import java.time.Duration;

/**
 * How unknown tracks are clustered into candidates.
 *
 * @param groupId the clusterer's consumer group (its committed offsets say what the candidates hold)
 * @param joinThreshold a track joins the nearest candidate whose centroid is at least this similar
 *     (cosine); null to use the decision threshold each event was decided with plus {@code joinMargin},
 *     so clustering follows the live model and its calibration
 * @param joinMargin how far above the decision threshold a track must be to join, when no join
 *     threshold is set. Stricter than the decision because a merge cannot be undone by the operator
 *     (a candidate holding two people cannot be split) while a split can (merge two candidates);
 *     and a visit's fused embedding runs more similar to other people's than the single faces the
 *     threshold was calibrated on (docs/unknowns.md, measured)
 * @param maxShots the most best shots a candidate keeps (the most diverse ones)
 * @param visitGap a track on the same camera within this of a candidate's last visit extends that visit
 */
public record UnknownsSettings(String groupId, Double joinThreshold, double joinMargin, int maxShots,
        Duration visitGap) {
    public static final int DEFAULT_MAX_SHOTS = 5;
    public static final double DEFAULT_JOIN_MARGIN = 0.05;
    public static final Duration DEFAULT_VISIT_GAP = Duration.ofMinutes(10);

    public UnknownsSettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("unknowns.group.id must not be blank");
        }
        if (joinThreshold != null && !(joinThreshold > -1 && joinThreshold <= 1)) {
            throw new IllegalArgumentException("unknowns.join.threshold must be a cosine in (-1, 1], got "
                    + joinThreshold);
        }
        if (!(joinMargin >= 0 && joinMargin < 1)) {
            throw new IllegalArgumentException("unknowns.join.margin must be in [0, 1), got " + joinMargin);
        }
        if (maxShots < 1) {
            throw new IllegalArgumentException("unknowns.max.shots must be >= 1, got " + maxShots);
        }
        if (visitGap == null || visitGap.isNegative()) {
            throw new IllegalArgumentException("unknowns.visit.gap.ms must be >= 0, got "
                    + (visitGap == null ? null : visitGap.toMillis()));
        }
    }

    /** The least similarity to join a candidate, for an event decided at {@code decisionThreshold}. */
    public double joinThresholdFor(double decisionThreshold) {
        return joinThreshold != null ? joinThreshold : decisionThreshold + joinMargin;
    }

    /** The clusterer's group for a processor of {@code applicationId}: one per application, beside its streams group. */
    public static String defaultGroup(String applicationId) {
        return applicationId + "-unknowns";
    }
}
