package io.faceflow.index.unknowns;

import io.faceflow.index.Ids;

/**
 * One time a candidate was seen: an unknown track (or several on the same camera close together),
 * by the id of the event that reported it, so a replayed event is recognised and not counted twice.
 */
public record CandidateVisit(String eventId, String cameraId, long firstSeenMs, long lastSeenMs) {
    public CandidateVisit {
        Ids.requireId("event id", eventId);
        Ids.requireId("camera id", cameraId);
        if (lastSeenMs < firstSeenMs) {
            throw new IllegalArgumentException("visit '" + eventId + "' ends before it starts");
        }
    }
}
