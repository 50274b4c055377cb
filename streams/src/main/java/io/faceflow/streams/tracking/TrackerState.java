package io.faceflow.streams.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tracker's state for one camera: what the topology keeps in its store under the camera id.
 *
 * @param cameraId the camera the tracks belong to
 * @param nextTrackNumber the number the next new track gets: kept with the tracks, so ids never
 *     repeat on a camera, across restarts too
 * @param tracks the live tracks, including those briefly unseen
 * @param modelVersion the model version of the tracks' embeddings; null before any was made
 * @param framesSinceDetection frames of the camera since faces were last detected, -1 before the
 *     first detection (the detection interval counts these; kept with the tracks, so a restart
 *     keeps the rhythm)
 */
public record TrackerState(String cameraId, long nextTrackNumber, List<Track> tracks, String modelVersion,
        int framesSinceDetection) {
    public TrackerState {
        tracks = List.copyOf(tracks);
    }

    public static TrackerState empty(String cameraId) {
        return new TrackerState(cameraId, 1, List.of(), null, -1);
    }

    public Optional<Track> track(String trackId) {
        return tracks.stream().filter(t -> t.id().equals(trackId)).findFirst();
    }

    /** This state with {@code updated} in place of the track of the same id. */
    public TrackerState with(Track updated) {
        List<Track> next = new ArrayList<>(tracks);
        next.replaceAll(t -> t.id().equals(updated.id()) ? updated : t);
        return new TrackerState(cameraId, nextTrackNumber, next, modelVersion, framesSinceDetection);
    }

    /** Whether this frame is one to detect faces on, with a detection every {@code every} frames. */
    public boolean detectionDue(int every) {
        return framesSinceDetection < 0 || framesSinceDetection + 1 >= every;
    }

    /** This state after a frame on which nothing was detected: the tracks coast. */
    public TrackerState coasted() {
        return new TrackerState(cameraId, nextTrackNumber, tracks, modelVersion, framesSinceDetection + 1);
    }

    /**
     * This state for embeddings of model {@code version}: itself when the version is the same; else
     * every track without its embeddings (vectors of two models are never fused or compared), the
     * tracks themselves and their decisions kept, so the person is still followed and not alerted again.
     */
    public TrackerState forModel(String version) {
        if (version.equals(modelVersion)) {
            return this;
        }
        return new TrackerState(cameraId, nextTrackNumber, tracks.stream().map(Track::withoutEmbeddings).toList(),
                version, framesSinceDetection);
    }
}
