package io.faceflow.streams.tracking;

import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.SourceImage;
import io.faceflow.recognition.Decision;
import io.faceflow.recognition.ModelSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame of a camera through the tracker and the model: detect, align and measure every face,
 * plan, embed only the planned faces, update the tracks, and search the fused embedding of each
 * track that needs a decision. Pure apart from the model: the caller keeps the state, decides what
 * to publish, and may retry a frame from the state it first read.
 */
public final class TrackingIdentifier {
    private final FaceTracker tracker;

    public TrackingIdentifier(TrackerConfig config) {
        this.tracker = new FaceTracker(config);
    }

    public TrackerConfig config() {
        return tracker.config();
    }

    /**
     * What one frame did to its camera's tracks, under one model version.
     *
     * @param faces the frame's faces as analysed, by face index; embedded ones carry their embedding
     * @param decisions the search of the fused embedding, by track id, of each track that got an
     *     embedding this frame or was just confirmed, and of each confirmed track that ended unknown
     */
    public record TrackedFrame(String modelVersion, List<AnalyzedFace> faces, TrackerStep step,
            Map<String, Decision> decisions) {}

    /** Frame {@code sequence}, captured at {@code captureMs}, against the camera's {@code stored} tracks. */
    public TrackedFrame identify(ModelSession model, TrackerState stored, long sequence, long captureMs,
            SourceImage source) {
        // Embeddings of another model version are dropped before anything is fused with them.
        TrackerState state = stored.forModel(model.version());
        if (!state.detectionDue(config().detectEvery())) {
            return new TrackedFrame(model.version(), List.of(), new TrackerStep(state.coasted(), List.of(), List.of()),
                    Map.of());
        }
        List<AnalyzedFace> faces = model.analyze(source,
                (image, measured) -> tracker.plan(state, frame(sequence, captureMs, measured))).faces();
        TrackerStep step = tracker.update(state, frame(sequence, captureMs, faces));
        List<Track> toSearch = new ArrayList<>();
        for (TrackAssignment a : step.assignments()) {
            Track track = step.state().track(a.trackId()).orElseThrow();
            boolean embedded = faces.get(a.faceIndex()).embedding() != null;
            boolean justConfirmed = track.facesSeen() == config().minHits();
            if (track.fusedEmbedding() != null && (embedded || justConfirmed)) {
                toSearch.add(track);
            }
        }
        step.ended().stream().filter(this::endedUnknown).forEach(toSearch::add);
        List<Decision> decided = model.decide(stored.cameraId(),
                toSearch.stream().map(Track::fusedEmbedding).toList());
        Map<String, Decision> decisions = new LinkedHashMap<>();
        for (int i = 0; i < toSearch.size(); i++) {
            decisions.put(toSearch.get(i).id(), decided.get(i));
        }
        return new TrackedFrame(model.version(), faces, step, decisions);
    }

    private static TrackFrame frame(long sequence, long captureMs, List<AnalyzedFace> faces) {
        List<FaceObservation> observations = faces.stream().map(f -> new FaceObservation(f.detection(),
                ShotQuality.of(f.detection(), f.quality().sharpness()), f.embedding())).toList();
        return new TrackFrame(sequence, captureMs, observations);
    }

    /** A confirmed track that ends with no identity decided and an embedding to report. */
    private boolean endedUnknown(Track track) {
        return track.confirmed(config().minHits()) && track.decision().identityId() == null
                && track.fusedEmbedding() != null;
    }
}
