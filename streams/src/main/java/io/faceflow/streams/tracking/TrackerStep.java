package io.faceflow.streams.tracking;

import java.util.List;

/**
 * The tracker's answer to one frame.
 *
 * @param state the camera's state to store
 * @param assignments a track for each face that joined or started one, by face index; faces too
 *     weak to start a track and matching none have no assignment
 * @param ended tracks unseen for longer than the gap, removed from the state: decide or report them
 *     now, it is their last appearance. One ended before {@link TrackerConfig#minHits} faces was most
 *     likely no face at all
 */
public record TrackerStep(TrackerState state, List<TrackAssignment> assignments, List<Track> ended) {
    public TrackerStep {
        assignments = List.copyOf(assignments);
        ended = List.copyOf(ended);
    }
}
