package io.faceflow.index.unknowns;

import io.faceflow.index.Ids;
import java.util.List;

/**
 * A person the system keeps seeing but nobody has enrolled: the unknown tracks clustered together
 * in one model version's embedding space. Never alerted on and never enrolled by the system
 * itself: an operator names it (it becomes a gallery identity), merges it, or ignores it.
 *
 * @param centroid the L2-normalised mean of the clustered track embeddings, what new tracks are compared with
 * @param members how many track embeddings the centroid averages (weights a merge)
 * @param visits every visit, oldest first (the visit count is its size)
 * @param shots at most the store's shot limit, the most diverse of the best shots
 * @param status {@link Status#IGNORED} candidates stay as negatives: tracks that match them join silently
 */
public record Candidate(String candidateId, String modelVersion, float[] centroid, int members,
        List<CandidateVisit> visits, List<CandidateShot> shots, Status status) {

    public enum Status { OPEN, IGNORED }

    public Candidate {
        Ids.requireId("candidate id", candidateId);
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("candidate '" + candidateId + "' has no model version");
        }
        if (centroid == null || centroid.length == 0) {
            throw new IllegalArgumentException("candidate '" + candidateId + "' has no centroid");
        }
        if (members < 1) {
            throw new IllegalArgumentException("candidate '" + candidateId + "' has no members");
        }
        visits = List.copyOf(visits);
        shots = List.copyOf(shots);
        if (visits.isEmpty()) {
            throw new IllegalArgumentException("candidate '" + candidateId + "' has no visit");
        }
        if (status == null) {
            throw new IllegalArgumentException("candidate '" + candidateId + "' has no status");
        }
    }

    public long firstSeenMs() {
        return visits.stream().mapToLong(CandidateVisit::firstSeenMs).min().orElseThrow();
    }

    public long lastSeenMs() {
        return visits.stream().mapToLong(CandidateVisit::lastSeenMs).max().orElseThrow();
    }

    /** Whether the event {@code eventId} is already counted in one of the visits. */
    public boolean counted(String eventId) {
        return visits.stream().anyMatch(v -> v.eventId().equals(eventId));
    }
}
