package io.faceflow.streams.topology;

import io.faceflow.core.image.BgrImage;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.SourceImage;
import io.faceflow.index.SearchHit;
import io.faceflow.recognition.Decision;
import io.faceflow.recognition.Identifier;
import io.faceflow.streams.config.TopologySettings;
import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.streams.tracking.Track;
import io.faceflow.streams.tracking.TrackAssignment;
import io.faceflow.streams.tracking.TrackDecision;
import io.faceflow.streams.tracking.TrackStore;
import io.faceflow.streams.tracking.TrackerState;
import io.faceflow.streams.tracking.TrackingIdentifier;
import io.faceflow.streams.tracking.TrackingIdentifier.TrackedFrame;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tracked mode of {@link FrameProcessor}: a camera's faces are followed across frames in
 * {@link TrackStore}, only the faces the tracker plans are embedded, and each track is decided on
 * its fused embedding and alerted once, again only when its decided identity changes. Sightings
 * are the embedded faces, each with its track; a confirmed track that ends unknown is published
 * once on the unknown-face topic.
 *
 * <p>The camera's tracks are read before and written after each frame: a replay after a crash
 * (exactly-once) starts from the state the frame first saw, so it makes the same decisions.
 */
final class TrackedFrames {
    private final TopologySettings settings;
    private final Identifier identifier;
    private final FrameOutcomes outcomes;
    private final IndexWait indexWait;
    private final CooldownGate cooldowns;
    private final AlertSender alerts;
    private final ProcessorContext<String, byte[]> context;
    private final KeyValueStore<String, TrackerState> store;
    private final TrackingIdentifier tracking;
    private final BestFaces bestFaces;

    TrackedFrames(TopologySettings settings, Identifier identifier, FrameOutcomes outcomes, IndexWait indexWait,
            CooldownGate cooldowns, AlertSender alerts, ProcessorContext<String, byte[]> context) {
        this.settings = settings;
        this.identifier = identifier;
        this.outcomes = outcomes;
        this.indexWait = indexWait;
        this.cooldowns = cooldowns;
        this.alerts = alerts;
        this.context = context;
        this.store = context.getStateStore(TrackStore.NAME);
        this.tracking = new TrackingIdentifier(settings.tracks());
        // An unknown track's event carries its best face: that crop is what a candidate shows and is named from.
        this.bestFaces = new BestFaces(settings.thumbnails() || settings.unknownTopic() != null);
    }

    void process(FrameHeaders.Frame headers, BgrImage image) {
        long start = System.nanoTime();
        TrackerState stored = TrackStore.stateOf(store, headers.cameraId());
        SourceImage source = new SourceImage(headers.cameraId() + "#" + headers.sequence(), image);
        TrackedFrame tracked = indexWait.call("tracking frame " + source.source(), () -> identifier.withModel(
                model -> tracking.identify(model, stored, headers.sequence(), headers.captureTimeMs(), source)));
        outcomes.frame(headers.cameraId(), headers.captureTimeMs(), tracked.faces().size(), System.nanoTime() - start);
        outcomes.embedded((int) tracked.faces().stream().filter(f -> f.embedding() != null).count());
        TrackerState next = publishFaces(headers, tracked);
        publishEnded(headers, tracked);
        store.put(headers.cameraId(), next);
    }

    /** Sightings of the embedded faces, decisions and alerts of their tracks; the camera's state to store. */
    private TrackerState publishFaces(FrameHeaders.Frame headers, TrackedFrame tracked) {
        TrackerState state = tracked.step().state();
        for (TrackAssignment a : tracked.step().assignments()) {
            AnalyzedFace face = tracked.faces().get(a.faceIndex());
            Track track = state.track(a.trackId()).orElseThrow();
            // The tracker made this frame's face the track's best shot: keep its crop for the thumbnail.
            if (track.bestShot().frameSequence() == headers.sequence() && track.lastSeenMs() == headers.captureTimeMs()) {
                bestFaces.put(track.id(), headers.captureTimeMs(), a.faceIndex(), face);
            }
            Decision decision = tracked.decisions().get(track.id());
            if (decision == null) {
                continue;
            }
            SearchHit best = decision.best();
            double threshold = decision.threshold();
            boolean known = decision.known();
            if (face.embedding() != null) {
                SightingEvent sighting = FrameProcessor.sighting(headers, tracked.modelVersion(), a.faceIndex(),
                        FrameProcessor.sightingId(headers, a.faceIndex()), face, best, known, threshold, track.id());
                forward(headers, sighting, IdentificationTopology.SIGHTINGS_SINK);
            }
            if (track.confirmed(settings.tracks().minHits())) {
                state = state.with(track.withDecision(alertOnce(headers, tracked.modelVersion(), a.faceIndex(), face,
                        track, known ? best : null, threshold)));
            }
        }
        return state;
    }

    /**
     * The track's decision after deciding {@code known} (null: unknown), alerting when it names a
     * new identity. A cooldown that holds the alert back counts as the alert: the identity was
     * alerted on this camera moments ago, and the track is not alerted for it later in the visit.
     */
    private TrackDecision alertOnce(FrameHeaders.Frame headers, String modelVersion, int faceIndex, AnalyzedFace face,
            Track track, SearchHit known, double threshold) {
        TrackDecision decision = track.decision().decide(known == null ? null : known.identityId());
        if (!decision.alertDue()) {
            return decision;
        }
        if (!alerts.wanted(headers.cameraId(), known)) {
            // Not marked alerted: should the person join one of the camera's watchlists, the track alerts then.
            return decision;
        }
        if (!cooldowns.admit(headers.cameraId(), known.identityId(), headers.captureTimeMs())) {
            outcomes.suppressedAlert();
            return decision.markAlerted();
        }
        MatchAlert alert = new MatchAlert(MatchAlert.SCHEMA_VERSION, FrameProcessor.sightingId(headers, faceIndex),
                headers.cameraId(), headers.captureTimeMs(), headers.sequence(), known.identityId(), known.displayName(),
                known.score(), threshold, FrameProcessor.faceBox(face.detection().box()), modelVersion, modelVersion,
                thumbnail(track, face), track.id(), track.firstSeenMs(), track.lastSeenMs(),
                track.embeddings().count(), AlertSender.watchlists(known));
        alerts.send(alert);
        return decision.markAlerted();
    }

    /** The track's best face as base64 JPEG; this frame's face when the best one was seen before a restart. */
    private String thumbnail(Track track, AnalyzedFace face) {
        if (!settings.thumbnails()) {
            return null;
        }
        BestFaces.BestFace best = bestFaces.get(track.id());
        return Base64.getEncoder().encodeToString(best != null ? best.jpeg() : BestFaces.jpeg(face));
    }

    /**
     * One unknown-face event per confirmed track that ends unknown: its best face (with its crop,
     * when it was seen since this processor started) and the fused embedding.
     */
    private void publishEnded(FrameHeaders.Frame headers, TrackedFrame tracked) {
        for (Track track : tracked.step().ended()) {
            BestFaces.BestFace best = bestFaces.get(track.id());
            bestFaces.forget(track.id());
            Decision decision = tracked.decisions().get(track.id());
            if (settings.unknownTopic() == null || decision == null) {
                continue;
            }
            SearchHit candidate = decision.best();
            double threshold = decision.threshold();
            forward(headers, unknownTrack(headers.cameraId(), track, best, tracked.modelVersion(), candidate, threshold),
                    IdentificationTopology.UNKNOWN_SINK);
        }
    }

    private static SightingEvent unknownTrack(String camera, Track track, BestFaces.BestFace best,
            String modelVersion, SearchHit candidate, double threshold) {
        // One per track, and the same on a replay.
        String id = track.id().replaceAll("[^A-Za-z0-9._-]", "_") + "-unknown";
        List<double[]> landmarks = best == null ? List.of()
                : best.detection().landmarks().stream().map(p -> new double[] {p.x(), p.y()}).toList();
        var box = track.bestShot().box();
        SightingEvent.Quality quality = best == null
                ? new SightingEvent.Quality(Math.min(box.width(), box.height()), -1, -1)
                : new SightingEvent.Quality(best.quality().faceSize(),
                        Double.isNaN(best.quality().sharpness()) ? -1 : best.quality().sharpness(),
                        best.quality().detectorScore());
        return new SightingEvent(id, camera, best == null ? track.lastSeenMs() : best.captureMs(),
                track.bestShot().frameSequence(), best == null ? 0 : best.faceIndex(), FrameProcessor.faceBox(box), landmarks,
                quality, track.fusedEmbedding(), modelVersion, null, null,
                candidate == null ? null : candidate.identityId(), candidate == null ? -2 : candidate.score(),
                threshold, track.id(), best == null ? null : Base64.getEncoder().encodeToString(best.jpeg()));
    }

    private void forward(FrameHeaders.Frame headers, Object message, String sink) {
        context.forward(new Record<>(headers.cameraId(), Messages.toJson(message), headers.captureTimeMs()), sink);
    }
}
