package io.faceflow.streams.tracking;

import io.faceflow.core.detect.Box;
import io.faceflow.core.embed.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows the faces of one camera from frame to frame, after the two-stage association of
 * ByteTrack (Zhang et al. 2022, "ByteTrack: Multi-Object Tracking by Associating Every Detection
 * Box"): confident faces are matched to every live track first; weak faces, often a real face
 * blurred or half hidden, may then continue a track left over but never start one.
 *
 * <p>Pure: the camera's state and a frame's faces in, the next state and the assignments out. Per
 * frame the caller asks {@link #plan} which faces to embed, embeds those, and hands the frame with
 * the embeddings to {@link #update}; frames with no face must be handed too, so unseen tracks end.
 * The association of {@code update} is the plan's, except where an embedding refuses a pairing.
 * The gate sees only faces that are embedded: one person taking another's place between two
 * embeddings of a track is split off at the track's next embedding, at most
 * {@link TrackerConfig#reembedEveryFaces} faces later.
 */
public final class FaceTracker {
    private final TrackerConfig config;
    private final EmbedPolicy embedPolicy;

    public FaceTracker(TrackerConfig config) {
        this.config = config;
        this.embedPolicy = new EmbedPolicy(config);
    }

    public TrackerConfig config() {
        return config;
    }

    /**
     * Which faces of {@code frame} to embed before {@link #update}: one flag per face, by index. A
     * face is embedded when it starts a track, when the {@link EmbedPolicy} asks for it, and when
     * its box overlaps another live track as well: there only the embedding gate can tell whose face
     * it is (people crossing, one person taking another's place).
     */
    public List<Boolean> plan(TrackerState state, TrackFrame frame) {
        List<Track> live = live(state, frame.captureMs());
        List<Box> predicted = predicted(live, frame);
        int[] trackOfFace = associate(live, predicted, frame);
        List<Boolean> embed = new ArrayList<>(frame.faces().size());
        for (int f = 0; f < trackOfFace.length; f++) {
            FaceObservation face = frame.faces().get(f);
            int t = trackOfFace[f];
            embed.add(t >= 0 ? embedPolicy.embedNow(live.get(t), face.quality())
                    || overlapsAnother(live, predicted, t, face)
                    : canStartTrack(face));
        }
        return List.copyOf(embed);
    }

    /** The state after {@code frame}: faces joined to tracks or born as new ones, long-unseen tracks ended. */
    public TrackerStep update(TrackerState state, TrackFrame frame) {
        List<Track> live = live(state, frame.captureMs());
        List<Track> ended = state.tracks().stream().filter(t -> !alive(t, frame.captureMs())).toList();
        int[] trackOfFace = associate(live, predicted(live, frame), frame);

        List<Track> next = new ArrayList<>(live);
        List<TrackAssignment> assignments = new ArrayList<>();
        long number = state.nextTrackNumber();
        for (int f = 0; f < trackOfFace.length; f++) {
            FaceObservation face = frame.faces().get(f);
            if (trackOfFace[f] >= 0) {
                Track track = live.get(trackOfFace[f]);
                next.set(trackOfFace[f], track.joined(frame, face, config));
                assignments.add(new TrackAssignment(f, track.id(), false));
            } else if (canStartTrack(face)) {
                Track born = Track.born(state.cameraId() + "-" + number++, frame, face, config);
                next.add(born);
                assignments.add(new TrackAssignment(f, born.id(), true));
            }
        }
        return new TrackerStep(new TrackerState(state.cameraId(), number, next, state.modelVersion(), 0), assignments,
                ended);
    }

    private List<Track> live(TrackerState state, long nowMs) {
        return state.tracks().stream().filter(t -> alive(t, nowMs)).toList();
    }

    private boolean alive(Track track, long nowMs) {
        return nowMs - track.lastSeenMs() <= config.maxGapMs();
    }

    private static List<Box> predicted(List<Track> live, TrackFrame frame) {
        return live.stream().map(t -> t.motion().predict(frame.captureMs())).toList();
    }

    /**
     * Whether the face also overlaps another track seen on the latest frame with faces. A track
     * left unseen since (its person replaced by another in the same spot, or gone) is not counted:
     * it would have every frame of the newcomer embedded until its gap runs out.
     */
    private boolean overlapsAnother(List<Track> live, List<Box> predicted, int ownTrack, FaceObservation face) {
        long latest = live.stream().mapToLong(Track::lastSeenMs).max().orElse(Long.MIN_VALUE);
        for (int t = 0; t < predicted.size(); t++) {
            if (t != ownTrack && live.get(t).lastSeenMs() == latest
                    && IouMatcher.iou(predicted.get(t), face.face().box()) >= config.firstStageIou()) {
                return true;
            }
        }
        return false;
    }

    private boolean canStartTrack(FaceObservation face) {
        return face.face().score() >= config.highScore();
    }

    /** For each face, the index in {@code live} of the track it joins, or -1. */
    private int[] associate(List<Track> live, List<Box> predicted, TrackFrame frame) {
        List<Box> boxes = frame.faces().stream().map(f -> f.face().box()).toList();
        List<float[]> fused = live.stream().map(Track::fusedEmbedding).toList();
        List<Integer> confident = new ArrayList<>();
        List<Integer> weak = new ArrayList<>();
        for (int f = 0; f < boxes.size(); f++) {
            double score = frame.faces().get(f).face().score();
            if (score >= config.highScore()) {
                confident.add(f);
            } else if (score >= config.lowScore()) {
                weak.add(f);
            }
        }
        IouMatcher.Eligibility gate = (t, f) -> samePerson(fused.get(t), frame.faces().get(f).embedding());
        int[] trackOfFace = new int[boxes.size()];
        Arrays.fill(trackOfFace, -1);
        boolean[] taken = new boolean[live.size()];
        IouMatcher.match(predicted, taken, boxes, confident, config.firstStageIou(), gate, trackOfFace);
        IouMatcher.match(predicted, taken, boxes, weak, config.secondStageIou(), gate, trackOfFace);
        return trackOfFace;
    }

    /** The embedding gate: only when both sides have an embedding can it refuse. */
    private boolean samePerson(float[] trackFused, float[] faceEmbedding) {
        return trackFused == null || faceEmbedding == null
                || Vectors.dot(trackFused, Vectors.normalize(faceEmbedding.clone())) >= config.embeddingGate();
    }
}
