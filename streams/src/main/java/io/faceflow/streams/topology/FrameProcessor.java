package io.faceflow.streams.topology;

import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.core.detect.Box;
import io.faceflow.core.detect.Point;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.image.InvalidImageException;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.SourceImage;
import io.faceflow.index.SearchHit;
import io.faceflow.recognition.IdentifiedFace;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.ImageIdentification;
import io.faceflow.streams.config.TopologySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frame at a time: header contract, age, decode, identify every face, then sightings, alerts
 * (de-duplicated per camera and identity in {@link IdentificationTopology#COOLDOWN_STORE}) and
 * dead letters. A bad frame never stops the stream: it goes to the DLQ with its reason. Sightings
 * only go to their topic: the sighting store is filled from there, off the stream threads.
 *
 * <p>Cooldowns run on capture time, not on the processing clock, so a replay after a crash makes
 * the same decisions and, under exactly-once, the same alerts.
 */
final class FrameProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(FrameProcessor.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private final TopologySettings settings;
    private final Identifier identifier;
    private final FrameOutcomes outcomes;
    private final Clock clock;
    private final ImageDecoder decoder = new ImageDecoder();
    private final CameraRates rates;
    private final IndexWait indexWait;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Long> cooldowns;
    private CooldownGate cooldownGate;
    private AlertSender alerts;
    /** The tracked mode's per-frame work; null without tracks. */
    private TrackedFrames tracked;
    private long latestCapture = Long.MIN_VALUE;

    FrameProcessor(TopologySettings settings, Identifier identifier, FrameOutcomes outcomes, Clock clock) {
        this.settings = settings;
        this.identifier = identifier;
        this.outcomes = outcomes;
        this.clock = clock;
        this.rates = new CameraRates(settings.guards().maxCameraFps());
        this.indexWait = new IndexWait(settings.guards().indexWait(), outcomes);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.cooldowns = context.getStateStore(IdentificationTopology.COOLDOWN_STORE);
        this.cooldownGate = new CooldownGate(cooldowns, settings.cooldowns());
        this.alerts = new AlertSender(settings.watchlists(), context, outcomes);
        if (settings.tracks() != null) {
            tracked = new TrackedFrames(settings, identifier, outcomes, indexWait, cooldownGate, alerts, context);
        }
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> purgeExpiredCooldowns());
    }

    @Override
    public void process(Record<String, byte[]> frame) {
        FrameHeaders.Frame headers;
        try {
            headers = FrameHeaders.read(frame.headers());
        } catch (IllegalArgumentException e) {
            deadLetter(frame, "header contract: " + e.getMessage());
            return;
        }
        String refused = refusal(frame, headers);
        if (refused != null) {
            deadLetter(frame, refused);
            return;
        }
        if (settings.stale(headers.captureTimeMs(), clock.millis())) {
            outcomes.staleFrame();
            return;
        }
        BgrImage image;
        try {
            image = FrameHeaders.RAW_BGR.equals(headers.contentType())
                    ? decoder.fromRaw(frame.value(), headers.width(), headers.height())
                    : decoder.decode(frame.value());
        } catch (InvalidImageException | IllegalArgumentException e) {
            deadLetter(frame, "cannot decode " + headers.contentType() + " frame: " + e.getMessage());
            return;
        }
        latestCapture = Math.max(latestCapture, headers.captureTimeMs());
        if (tracked != null) {
            tracked.process(headers, image);
            return;
        }
        long start = System.nanoTime();
        SourceImage source = new SourceImage(frameId(headers), image);
        ImageIdentification result = indexWait.call("identifying frame " + frameId(headers),
                () -> identifier.identify(headers.cameraId(), List.of(source)).get(0));
        outcomes.frame(headers.cameraId(), headers.captureTimeMs(), result.faces().size(), System.nanoTime() - start);
        outcomes.embedded((int) result.faces().stream().filter(f -> f.face().embedding() != null).count());
        publish(headers, result);
    }

    /**
     * Why a frame whose headers parse must not be processed, or null. The camera travels as the key
     * (which orders a camera's frames on one partition) and as a header (what the alerts name): a
     * frame where they differ would be ordered under one camera and reported under another.
     */
    private String refusal(Record<String, byte[]> frame, FrameHeaders.Frame headers) {
        if (frame.value() == null || frame.value().length == 0) {
            return "empty frame from camera " + headers.cameraId();
        }
        if (frame.value().length > settings.guards().maxFrameBytes()) {
            return "frame of " + frame.value().length + " bytes from camera " + headers.cameraId()
                    + " is over max.frame.bytes=" + settings.guards().maxFrameBytes()
                    + ": lower the camera's resolution or JPEG quality, or raise max.frame.bytes";
        }
        if (!headers.cameraId().equals(frame.key())) {
            return "key/header mismatch: the record key is " + (frame.key() == null ? "missing" : "'" + frame.key() + "'")
                    + " but the camera header says '" + headers.cameraId() + "'; producers must key each frame by"
                    + " its camera id";
        }
        if (!rates.admit(headers.cameraId(), headers.captureTimeMs())) {
            return "rate: camera " + headers.cameraId() + " sends more than max.camera.fps="
                    + settings.guards().maxCameraFps() + " frames per second of capture time; check its"
                    + " ingest fps setting";
        }
        return null;
    }

    private void publish(FrameHeaders.Frame headers, ImageIdentification result) {
        int index = 0;
        for (IdentifiedFace face : result.faces()) {
            int faceIndex = index++;
            if (!face.face().accepted()) {
                continue;
            }
            String id = sightingId(headers, faceIndex);
            SearchHit best = face.decision().best();
            double threshold = face.decision().threshold();
            boolean known = face.decision().known();
            SightingEvent event = sighting(headers, result.modelVersion(), faceIndex, id, face.face(), best, known,
                    threshold, null);
            byte[] json = Messages.toJson(event);
            context.forward(new Record<>(headers.cameraId(), json, headers.captureTimeMs()),
                    IdentificationTopology.SIGHTINGS_SINK);
            if (known) {
                alertOnce(headers, result.modelVersion(), faceIndex, face, best, threshold);
            } else if (settings.unknownTopic() != null) {
                context.forward(new Record<>(headers.cameraId(), json, headers.captureTimeMs()),
                        IdentificationTopology.UNKNOWN_SINK);
            }
        }
    }

    private void alertOnce(FrameHeaders.Frame headers, String modelVersion, int faceIndex, IdentifiedFace face,
            SearchHit best, double threshold) {
        if (!alerts.wanted(headers.cameraId(), best)) {
            return;
        }
        if (!cooldownGate.admit(headers.cameraId(), best.identityId(), headers.captureTimeMs())) {
            outcomes.suppressedAlert();
            return;
        }
        String thumbnail = settings.thumbnails()
                ? Base64.getEncoder().encodeToString(ImageEncoder.jpeg(face.face().crop(), 85)) : null;
        MatchAlert alert = new MatchAlert(MatchAlert.SCHEMA_VERSION, sightingId(headers, faceIndex), headers.cameraId(),
                headers.captureTimeMs(), headers.sequence(), best.identityId(), best.displayName(), best.score(),
                threshold, faceBox(face.face().detection().box()), modelVersion, modelVersion, thumbnail, null, null,
                null, null, AlertSender.watchlists(best));
        alerts.send(alert);
    }

    /** The sighting of face {@code f}, decided on its own or (with {@code trackId}) on its track's fused embedding. */
    static SightingEvent sighting(FrameHeaders.Frame headers, String modelVersion, int faceIndex, String id,
            AnalyzedFace f, SearchHit best, boolean known, double threshold, String trackId) {
        List<double[]> landmarks = new ArrayList<>();
        for (Point p : f.detection().landmarks()) {
            landmarks.add(new double[] {p.x(), p.y()});
        }
        var q = f.quality();
        return new SightingEvent(id, headers.cameraId(), headers.captureTimeMs(), headers.sequence(), faceIndex,
                faceBox(f.detection().box()), landmarks,
                new SightingEvent.Quality(q.faceSize(), Double.isNaN(q.sharpness()) ? -1 : q.sharpness(),
                        q.detectorScore()),
                f.embedding(), modelVersion, known ? best.identityId() : null, known ? best.displayName() : null,
                best == null ? null : best.identityId(), best == null ? -2 : best.score(), threshold, trackId);
    }

    static FaceBox faceBox(Box b) {
        return new FaceBox(b.x(), b.y(), b.width(), b.height());
    }

    /**
     * Deterministic per face of a frame, so a replayed frame overwrites its earlier sighting. The
     * capture time is part of it because sequence numbers restart with each ingest run.
     */
    static String sightingId(FrameHeaders.Frame headers, int faceIndex) {
        String camera = headers.cameraId().replaceAll("[^A-Za-z0-9._-]", "_");
        return camera + "-" + headers.captureTimeMs() + "-" + headers.sequence() + "-" + faceIndex;
    }

    private static String frameId(FrameHeaders.Frame headers) {
        return headers.cameraId() + "#" + headers.sequence();
    }

    private void deadLetter(Record<String, byte[]> frame, String reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        RecordHeaders headers = new RecordHeaders(frame.headers().toArray());
        DeadLetters.annotate(headers, reason, meta == null ? "" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset());
        LOG.warn("frame to dead letters ({}:{}@{}): {}", meta == null ? "?" : meta.topic(),
                meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset(), reason);
        context.forward(new Record<>(frame.key(), frame.value(), frame.timestamp(), headers),
                IdentificationTopology.DLQ_SINK);
        outcomes.deadLetter(reason);
    }

    /** Forgets cooldowns that can no longer suppress anything, so the store stays as small as the live set. */
    private void purgeExpiredCooldowns() {
        if (latestCapture == Long.MIN_VALUE) {
            return;
        }
        long horizon = latestCapture - settings.cooldowns().longestMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = cooldowns.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> e = all.next();
                if (e.value < horizon) {
                    expired.add(e.key);
                }
            }
        }
        expired.forEach(cooldowns::delete);
    }
}
