package io.faceflow.streams.unknowns;

import io.faceflow.contract.message.SightingEvent;
import io.faceflow.core.detect.Point;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.Vectors;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateHit;
import io.faceflow.index.unknowns.CandidateMerge;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.index.unknowns.DiverseShots;
import io.faceflow.streams.tracking.ShotQuality;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Clusters unknown tracks into candidates, incrementally and one event at a time: a track joins
 * the nearest candidate of its model version when the candidate's centroid is similar enough, and
 * starts a new candidate otherwise. Nothing is enrolled here: a candidate becomes a gallery
 * identity only when an operator names it.
 *
 * <p>Replays are harmless: a new candidate's id derives from the event's id, and an event already
 * counted (by its id, or inside the time span of a visit it extended on its camera) changes nothing.
 * The price: a second track of the same person inside a visit's span on that camera is taken for
 * a replay, which only leaves the centroid without it.
 */
public final class UnknownClusterer {
    /** Candidates compared with each track: the nearest decides; a few more find a replayed event. */
    private static final int NEAREST = 5;

    /** What an event did. */
    public enum Outcome {
        /** a new candidate */
        CREATED,
        /** joined an open candidate */
        JOINED,
        /** joined an ignored candidate, which stays ignored */
        IGNORED_MATCH,
        /** already counted: a replay */
        DUPLICATE,
        /** not an unknown track (it has an identity, or no embedding or model version) */
        SKIPPED
    }

    /** The outcome and the candidate it touched (null when skipped). */
    public record Result(Outcome outcome, Candidate candidate) {}

    private final GalleryCatalog catalog;
    private final UnknownsSettings settings;

    /** Clusters into {@code catalog}'s candidates, which keeps the stores open (one per model version). */
    public UnknownClusterer(GalleryCatalog catalog, UnknownsSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    /** Clusters one unknown-track event and saves the candidate it created or changed before returning. */
    public Result apply(SightingEvent event) {
        if (event.identityId() != null || event.embedding() == null || event.embedding().length == 0
                || event.modelVersion() == null) {
            // An identified face is never a candidate's; the processor does not publish one, but replays are not trusted.
            return new Result(Outcome.SKIPPED, null);
        }
        float[] embedding = Vectors.normalise(event.embedding());
        CandidateStore store = catalog.candidates(event.modelVersion(), embedding.length);
        String newId = candidateId(event);
        Candidate created = store.get(newId).orElse(null);
        if (created != null) {
            return new Result(Outcome.DUPLICATE, created);
        }
        List<CandidateHit> hits = store.nearest(embedding, NEAREST);
        double threshold = settings.joinThresholdFor(event.threshold());
        for (CandidateHit hit : hits) {
            Candidate c = hit.candidate();
            // By time span only where the event would join: two strangers often share a camera's minutes.
            if (c.counted(event.sightingId()) || hit.score() >= threshold && spans(c, event)) {
                return new Result(Outcome.DUPLICATE, c);
            }
        }
        CandidateShot shot = shot(event, embedding);
        Candidate next;
        Outcome outcome;
        if (!hits.isEmpty() && hits.get(0).score() >= threshold) {
            next = join(hits.get(0).candidate(), event, embedding, shot);
            outcome = next.status() == Candidate.Status.IGNORED ? Outcome.IGNORED_MATCH : Outcome.JOINED;
        } else {
            next = new Candidate(newId, event.modelVersion(), embedding, 1,
                    List.of(new CandidateVisit(event.sightingId(), event.cameraId(), event.captureTimeMs(),
                            event.captureTimeMs())),
                    shot == null ? List.of() : List.of(shot), Candidate.Status.OPEN);
            outcome = Outcome.CREATED;
        }
        store.save(next);
        return new Result(outcome, next);
    }

    /** The candidate an event starts: the same for a replay of the event. */
    static String candidateId(SightingEvent event) {
        return "cand-" + UUID.nameUUIDFromBytes(event.sightingId().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a visit of {@code c} on the event's camera spans its time: an extended visit keeps its first event's id only. */
    private static boolean spans(Candidate c, SightingEvent event) {
        long t = event.captureTimeMs();
        return c.visits().stream().anyMatch(v -> v.cameraId().equals(event.cameraId()) && v.firstSeenMs() <= t
                && t <= v.lastSeenMs());
    }

    private Candidate join(Candidate c, SightingEvent event, float[] embedding, CandidateShot shot) {
        List<CandidateShot> shots = new ArrayList<>(c.shots());
        if (shot != null) {
            shots.add(shot);
        }
        return new Candidate(c.candidateId(), c.modelVersion(),
                CandidateMerge.weightedCentroid(c.centroid(), c.members(), embedding, 1), c.members() + 1,
                visits(c.visits(), event), DiverseShots.pick(shots, settings.maxShots()), c.status());
    }

    /** The visits with the event's: the last visit extended when it is on the same camera and close enough. */
    private List<CandidateVisit> visits(List<CandidateVisit> visits, SightingEvent event) {
        List<CandidateVisit> out = new ArrayList<>(visits);
        CandidateVisit last = out.get(out.size() - 1);
        long t = event.captureTimeMs();
        long gap = settings.visitGap().toMillis();
        if (last.cameraId().equals(event.cameraId()) && t >= last.firstSeenMs() - gap && t <= last.lastSeenMs() + gap) {
            out.set(out.size() - 1, new CandidateVisit(last.eventId(), last.cameraId(), Math.min(last.firstSeenMs(), t),
                    Math.max(last.lastSeenMs(), t)));
        } else {
            out.add(new CandidateVisit(event.sightingId(), event.cameraId(), t, t));
        }
        return out;
    }

    /** The track's best face as a shot; null when the event has no face image (its track's best face was lost). */
    private static CandidateShot shot(SightingEvent event, float[] embedding) {
        if (event.thumbnail() == null || event.thumbnail().isEmpty()) {
            return null;
        }
        SightingEvent.Quality q = event.quality();
        List<Point> landmarks = event.landmarks().stream().map(p -> new Point(p[0], p[1])).toList();
        double sharpness = q.sharpness() < 0 ? Double.NaN : q.sharpness();
        double quality = landmarks.size() == 5 ? ShotQuality.of(q.faceSize(), sharpness, landmarks) : 0;
        return new CandidateShot(event.sightingId(), event.cameraId(), event.captureTimeMs(), q.faceSize(),
                q.sharpness(), quality, Base64.getDecoder().decode(event.thumbnail()), embedding);
    }
}
