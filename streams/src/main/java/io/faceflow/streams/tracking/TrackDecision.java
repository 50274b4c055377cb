package io.faceflow.streams.tracking;

import java.util.Objects;

/**
 * What the topology decided for a track, kept so it alerts once per track and again only when the
 * decided identity changes.
 *
 * @param identityId the decided identity; null while undecided or unknown
 * @param alerted whether an alert was raised for {@code identityId}
 */
public record TrackDecision(String identityId, boolean alerted) {
    public static final TrackDecision UNDECIDED = new TrackDecision(null, false);

    /** The decision after deciding {@code identity} (null: unknown); a changed identity is not yet alerted. */
    public TrackDecision decide(String identity) {
        return Objects.equals(identity, identityId) ? this : new TrackDecision(identity, false);
    }

    /** Whether an alert is owed: an identity is decided and not yet alerted. */
    public boolean alertDue() {
        return identityId != null && !alerted;
    }

    public TrackDecision markAlerted() {
        return new TrackDecision(identityId, true);
    }
}
