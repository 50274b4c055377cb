package io.faceflow.streams;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.contract.topic.Topics;
import io.faceflow.core.embed.Vectors;
import io.faceflow.streams.tracking.Track;
import io.faceflow.streams.tracking.TrackStore;
import io.faceflow.streams.tracking.TrackerConfig;
import io.faceflow.streams.tracking.TrackerState;
import io.faceflow.streams.tracking.TrackerStateSerde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Nested;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.Identity;
import io.faceflow.index.Template;
import io.faceflow.index.gallery.Watchlists;
import io.faceflow.recognition.DecisionOverrides;
import io.faceflow.recognition.DecisionThreshold;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.ModelGeneration;
import io.faceflow.streams.config.AlertCooldowns;
import io.faceflow.streams.config.FrameGuards;
import io.faceflow.streams.config.TopologySettings;
import io.faceflow.streams.config.WatchlistRouting;
import io.faceflow.streams.topology.DeadLetters;
import io.faceflow.streams.topology.FrameOutcomes;
import io.faceflow.streams.topology.IdentificationTopology;
import io.faceflow.testkit.JsonSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's logic on the test driver: palette faces, a real embedded gallery, no broker. */
class IdentificationTopologyTest {
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;
    GalleryCatalog catalog;
    LiveModel live;
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> frames;
    TestOutputTopic<String, byte[]> matches;
    TestOutputTopic<String, byte[]> sightings;
    TestOutputTopic<String, byte[]> dlq;
    TestOutputTopic<String, byte[]> unknown;

    @BeforeEach
    void gallery() {
        catalog = GalleryCatalogs.open("file:" + dir.resolve("index"));
        live = new LiveModel(generation("v1"));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        live.close();
        catalog.close();
    }

    /** A gallery of version {@code version}: alice = palette 1 (on watchlists staff and vip), bob = palette 2 (on none). */
    private ModelGeneration generation(String version) {
        FaceIndex index = catalog.open(version, PaletteFaces.DIM);
        var embedder = new PaletteFaces.PaletteEmbedder(version);
        index.upsert(List.of(
                new Identity("alice", "Alice", Map.of(Watchlists.METADATA_KEY, "vip,staff"),
                        List.of(new Template("a1", PaletteFaces.vector(1)))),
                new Identity("bob", "Bob", Map.of(), List.of(new Template("b1", PaletteFaces.vector(2))))));
        return new ModelGeneration(embedder, index, new DecisionThreshold(0.8, "test"), null);
    }

    private void start(TopologySettings settings, Instant now) {
        Identifier identifier = new Identifier(new PaletteFaces.Detector(),
                PipelineOptions.of(FaceSelection.ALL, FaceQuality.ANY), live, 3, settings.overrides());
        var topology = IdentificationTopology.build(settings, identifier,
                FrameOutcomes.NONE, Clock.fixed(now, ZoneOffset.UTC));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        driver = new TopologyTestDriver(topology, props);
        frames = driver.createInputTopic(Topics.FRAMES, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        matches = driver.createOutputTopic(Topics.MATCHES, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        sightings = driver.createOutputTopic(Topics.SIGHTINGS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        dlq = driver.createOutputTopic(Topics.FRAMES_DLQ, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        if (settings.unknownTopic() != null) {
            unknown = driver.createOutputTopic(settings.unknownTopic(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
        }
    }

    private static TopologySettings settings(Duration cooldown, DecisionOverrides overrides, String unknownTopic) {
        return new TopologySettings(Topics.FRAMES, unknownTopic, Duration.ofMinutes(10), false, true, 3, overrides,
                new AlertCooldowns(cooldown, Map.of("bob", Duration.ofSeconds(1))), FrameGuards.DEFAULT);
    }

    private void send(String camera, long seq, long captureMs, byte[] image) {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.write(headers, new FrameHeaders.Frame(camera, captureMs, seq, 256, 128, FrameHeaders.PNG));
        frames.pipeInput(new TestRecord<>(camera, image, headers, captureMs));
    }

    private List<MatchAlert> alerts() {
        List<MatchAlert> out = new ArrayList<>();
        for (var r : matches.readRecordsToList()) {
            assertSchemaValid(r.value());
            out.add(Messages.fromJson(r.value(), MatchAlert.class));
        }
        return out;
    }

    static void assertSchemaValid(byte[] alertJson) {
        JsonSchemas.assertValid("/schemas/match-alert.schema.json", alertJson);
    }

    @Test
    void oneAlertPerCameraAndIdentityPerCooldownAndEveryAcceptedFaceIsASighting() {
        start(settings(Duration.ofSeconds(10), DecisionOverrides.NONE, null), Instant.ofEpochMilli(T0 + 60_000));
        send("door", 0, T0, PaletteFaces.frame(1, 3));
        send("door", 1, T0 + 2_000, PaletteFaces.frame(1));
        send("hall", 0, T0 + 2_500, PaletteFaces.frame(1));
        send("door", 2, T0 + 11_000, PaletteFaces.frame(1));
        List<MatchAlert> alerts = alerts();
        assertEquals(List.of("door", "hall", "door"), alerts.stream().map(MatchAlert::cameraId).toList());
        assertEquals(List.of(T0, T0 + 2_500, T0 + 11_000), alerts.stream().map(MatchAlert::captureTimeMs).toList());
        MatchAlert first = alerts.get(0);
        assertEquals("alice", first.identityId());
        assertEquals("Alice", first.displayName());
        assertEquals("v1", first.modelVersion());
        assertEquals(0.8, first.threshold(), 1e-9);
        assertTrue(first.score() >= 0.8 && first.score() <= 1, "score " + first.score());
        assertNotNull(first.thumbnail(), "thumbnails configured");
        assertEquals(48, first.box().width(), 1e-9);

        List<SightingEvent> seen = sightings.readValuesToList().stream()
                .map(v -> Messages.fromJson(v, SightingEvent.class)).toList();
        assertEquals(5, seen.size(), "two faces in the first frame, one in each other");
        assertNull(seen.get(1).identityId(), "palette 3 is nobody enrolled");
        assertEquals("alice", seen.get(0).identityId());
        assertEquals(PaletteFaces.DIM, seen.get(0).embedding().length);
    }

    @Test
    void identityCooldownOverridesTheStandardOne() {
        start(settings(Duration.ofMinutes(5), DecisionOverrides.NONE, null), Instant.ofEpochMilli(T0 + 60_000));
        send("door", 0, T0, PaletteFaces.frame(2));
        send("door", 1, T0 + 500, PaletteFaces.frame(2));
        send("door", 2, T0 + 1_500, PaletteFaces.frame(2));
        assertEquals(List.of(T0, T0 + 1_500), alerts().stream().map(MatchAlert::captureTimeMs).toList(),
                "bob's window is one second");
    }

    @Test
    void cameraAndIdentityThresholdsOverrideTheModelsAndUnknownFacesArePublished() {
        DecisionOverrides overrides = new DecisionOverrides(Map.of("strict-door", 0.999), Map.of("bob", 0.9999));
        start(settings(Duration.ZERO, overrides, "faceflow.unknown"), Instant.ofEpochMilli(T0 + 60_000));
        send("strict-door", 0, T0, PaletteFaces.frame(1));
        send("lobby", 0, T0 + 1, PaletteFaces.frame(1, 2, 5));
        List<MatchAlert> alerts = alerts();
        assertEquals(1, alerts.size(), "alice on the strict door and bob everywhere stay below their thresholds");
        assertEquals("lobby", alerts.get(0).cameraId());
        assertEquals("alice", alerts.get(0).identityId());
        List<SightingEvent> unknowns = unknown.readValuesToList().stream()
                .map(v -> Messages.fromJson(v, SightingEvent.class)).toList();
        assertEquals(3, unknowns.size(), "alice at the strict door, bob, and palette 5");
        assertEquals(0.999, unknowns.get(0).threshold(), 1e-9);
        assertEquals("alice", unknowns.get(0).bestIdentityId());
    }

    @Test
    void badFramesGoToTheDeadLetterQueueWithTheirReasonAndTheStreamGoesOn() {
        start(settings(Duration.ZERO, DecisionOverrides.NONE, null), Instant.ofEpochMilli(T0 + 60_000));
        frames.pipeInput(new TestRecord<>("door", PaletteFaces.frame(1), new RecordHeaders(), T0));
        send("door", 1, T0 + 1, "not an image".getBytes(StandardCharsets.UTF_8));
        send("door", 2, T0 + 2, new byte[0]);
        send("door", 3, T0 + 3, PaletteFaces.frame(1));
        var dead = dlq.readRecordsToList();
        assertEquals(3, dead.size());
        assertTrue(DeadLetters.reason(dead.get(0).headers()).contains("faceflow.camera"),
                DeadLetters.reason(dead.get(0).headers()));
        assertTrue(DeadLetters.reason(dead.get(1).headers()).startsWith("cannot decode"));
        assertTrue(DeadLetters.reason(dead.get(2).headers()).startsWith("empty frame"));
        assertEquals(Topics.FRAMES, new String(dead.get(1).headers().lastHeader(DeadLetters.TOPIC).value(),
                StandardCharsets.UTF_8));
        assertEquals("1", new String(dead.get(1).headers().lastHeader(DeadLetters.OFFSET).value(),
                StandardCharsets.UTF_8));
        assertEquals("door", FrameHeaders.read(dead.get(1).headers()).cameraId(), "original headers kept");
        assertEquals(1, alerts().size(), "the good frame after them is processed");
    }

    @Test
    void hostileFramesGoToTheDeadLetterQueueWithTheirReasonAndTheStreamGoesOn() {
        FrameGuards guards = new FrameGuards(64 * 1024, 5, Duration.ofSeconds(1));
        start(new TopologySettings(Topics.FRAMES, null, Duration.ofMinutes(10), false, false, 3, DecisionOverrides.NONE,
                new AlertCooldowns(Duration.ZERO, Map.of()), guards), Instant.ofEpochMilli(T0 + 60_000));
        send("door", 0, T0, new byte[guards.maxFrameBytes() + 1]);
        RecordHeaders mismatched = new RecordHeaders();
        FrameHeaders.write(mismatched, new FrameHeaders.Frame("door", T0 + 1, 1, 256, 128, FrameHeaders.PNG));
        frames.pipeInput(new TestRecord<>("hall", PaletteFaces.frame(1), mismatched, T0 + 1));
        frames.pipeInput(new TestRecord<>(null, PaletteFaces.frame(1), mismatched, T0 + 1));
        send("door", 2, T0 + 2, null);
        send("door", 3, T0 + 3, bombHeader(60_000, 60_000));
        // Five frames a second are allowed, in bursts of one second's worth: 10 in 100 ms leave 5 over.
        for (int i = 0; i < 10; i++) {
            send("flood", i, T0 + 10 * i, PaletteFaces.frame(1));
        }
        send("door", 4, T0 + 4, PaletteFaces.frame(1));
        List<String> reasons = dlq.readRecordsToList().stream().map(r -> DeadLetters.reason(r.headers())).toList();
        assertEquals(10, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("frame of 65537 bytes") && reasons.get(0).contains("max.frame.bytes"),
                reasons.get(0));
        assertTrue(reasons.get(1).startsWith("key/header mismatch") && reasons.get(1).contains("'hall'"), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("key/header mismatch") && reasons.get(2).contains("missing"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("empty frame"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("cannot decode") && reasons.get(4).contains("60000x60000"), reasons.get(4));
        for (String rate : reasons.subList(5, 10)) {
            assertTrue(rate.startsWith("rate: camera flood") && rate.contains("max.camera.fps=5"), rate);
        }
        List<MatchAlert> alerts = alerts();
        assertEquals(List.of("flood", "flood", "flood", "flood", "flood", "door"),
                alerts.stream().map(MatchAlert::cameraId).toList(),
                "the flood's frames within the rate and the good frame after it are processed (no cooldown here)");
        assertEquals(6, sightings.readValuesToList().size(), "five flood frames within the rate, then the good one");
    }

    /** A complete JPEG whose frame header claims {@code width} x {@code height}: a decompression bomb. */
    private static byte[] bombHeader(int width, int height) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8,
            (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            (byte) 0xFF, (byte) 0xD9};
    }

    @Test
    void framesOlderThanTheMaximumAgeAreSkippedUnlessReplaying() {
        Instant now = Instant.ofEpochMilli(T0 + Duration.ofHours(1).toMillis());
        start(settings(Duration.ZERO, DecisionOverrides.NONE, null), now);
        send("door", 0, T0, PaletteFaces.frame(1));
        send("door", 1, now.toEpochMilli() - 1_000, PaletteFaces.frame(1));
        assertEquals(1, alerts().size(), "the hour-old frame is skipped");
        driver.close();
        driver = null;
        TopologySettings replay = new TopologySettings(Topics.FRAMES, null, Duration.ofMinutes(10), true, false, 3,
                DecisionOverrides.NONE, new AlertCooldowns(Duration.ZERO, Map.of()), FrameGuards.DEFAULT);
        start(replay, now);
        send("door", 0, T0, PaletteFaces.frame(1));
        assertEquals(1, alerts().size(), "replay keeps old frames");
    }

    @Test
    void aModelSwitchBetweenFramesChangesTheVersionOfEverythingAfterIt() {
        start(settings(Duration.ZERO, DecisionOverrides.NONE, null), Instant.ofEpochMilli(T0 + 60_000));
        send("door", 0, T0, PaletteFaces.frame(1));
        live.switchTo(generation("v2"));
        send("door", 1, T0 + 1, PaletteFaces.frame(1));
        List<MatchAlert> alerts = alerts();
        assertEquals(List.of("v1", "v2"), alerts.stream().map(MatchAlert::modelVersion).toList());
        assertEquals(List.of("v1", "v2"), sightings.readValuesToList().stream()
                .map(v -> Messages.fromJson(v, SightingEvent.class).modelVersion()).toList());
    }

    /** Alerts to faceflow.matches.vip and .other; the lobby alerts only for watchlist "other". */
    private static final WatchlistRouting ROUTING = new WatchlistRouting(true, List.of("vip", "other"),
            Map.of("lobby", List.of("other")));

    private TestOutputTopic<String, byte[]> watchlistTopic(String group) {
        return driver.createOutputTopic(Topics.watchlistMatches(group), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** The routed alerts on one watchlist's topic, each valid by the schema, as "camera identity". */
    private List<String> routed(String group) {
        return watchlistTopic(group).readRecordsToList().stream().map(r -> {
            assertSchemaValid(r.value());
            MatchAlert a = Messages.fromJson(r.value(), MatchAlert.class);
            assertEquals(r.key(), a.cameraId(), "keyed by camera like faceflow.matches");
            return a.cameraId() + " " + a.identityId();
        }).toList();
    }

    @Test
    void alertsNameTheIdentitysWatchlistsGoToTheirTopicsAndALimitedCameraAlertsOnlyForItsOwn() {
        TopologySettings base = settings(Duration.ofMinutes(5), DecisionOverrides.NONE, null);
        start(new TopologySettings(base.framesTopic(), null, base.maxFrameAge(), false, true, 3, base.overrides(),
                base.cooldowns(), base.guards(), null, ROUTING), Instant.ofEpochMilli(T0 + 60_000));
        send("door", 0, T0, PaletteFaces.frame(1, 2));
        send("lobby", 0, T0 + 1, PaletteFaces.frame(1, 2));
        List<MatchAlert> alerts = alerts();
        assertEquals(List.of("door alice", "door bob"),
                alerts.stream().map(a -> a.cameraId() + " " + a.identityId()).toList(), "the lobby alerts for no one here");
        assertEquals(List.of("staff", "vip"), alerts.get(0).watchlists());
        assertNull(alerts.get(1).watchlists(), "bob is on no watchlist");
        assertEquals(List.of("door alice"), routed("vip"));
        assertEquals(List.of(), routed("other"));
        List<SightingEvent> seen = sightings.readValuesToList().stream()
                .map(v -> Messages.fromJson(v, SightingEvent.class)).toList();
        assertEquals(List.of("alice", "bob", "alice", "bob"), seen.stream().map(SightingEvent::identityId).toList(),
                "a limited camera still decides its faces and keeps their sightings");
    }

    @Test
    void withoutRoutingAlertsStillNameTheWatchlistsAndNoWatchlistTopicIsWritten() {
        start(settings(Duration.ofMinutes(5), DecisionOverrides.NONE, null), Instant.ofEpochMilli(T0 + 60_000));
        send("lobby", 0, T0, PaletteFaces.frame(1));
        assertEquals(List.of(List.of("staff", "vip")), alerts().stream().map(MatchAlert::watchlists).toList());
        assertTrue(driver.producedTopicNames().stream().noneMatch(t -> t.startsWith(Topics.MATCHES + ".")),
                driver.producedTopicNames().toString());
    }

    /** The tracked mode ({@code tracks=true}): one decision and one alert per face track. */
    @Nested
    class Tracks {
        private static final long FRAME_MS = 100;

        private TopologySettings tracked(Duration cooldown, String unknownTopic) {
            return tracked(cooldown, unknownTopic, true);
        }

        private TopologySettings tracked(Duration cooldown, String unknownTopic, boolean thumbnails) {
            return new TopologySettings(Topics.FRAMES, unknownTopic, Duration.ofMinutes(10), false, thumbnails, 3,
                    DecisionOverrides.NONE, new AlertCooldowns(cooldown, Map.of()), FrameGuards.DEFAULT,
                    TrackerConfig.defaults());
        }

        /** {@code frames} frames at 10 frames/s from {@code fromMs}, each showing {@code palette}; returns the next time. */
        private long show(long fromMs, int frames, int... palette) {
            for (int i = 0; i < frames; i++) {
                long t = fromMs + i * FRAME_MS;
                send("door", t / FRAME_MS, t, PaletteFaces.frame(palette));
            }
            return fromMs + frames * FRAME_MS;
        }

        private List<SightingEvent> sightingEvents() {
            return sightings.readValuesToList().stream().map(v -> Messages.fromJson(v, SightingEvent.class)).toList();
        }

        @Test
        void aVisitIsOneAlertWithItsTrackAndAReturnAfterTheCooldownAnother() {
            start(tracked(Duration.ofSeconds(10), null), Instant.ofEpochMilli(T0 + 60_000));
            long t = show(T0, 50, 1);
            t = show(t, 20);
            long back = t + 10_000;
            t = show(back, 50, 1);
            show(t, 20);
            List<MatchAlert> alerts = alerts();
            assertEquals(2, alerts.size(), "one alert per visit");
            assertEquals(List.of("door-1", "door-2"), alerts.stream().map(MatchAlert::trackId).toList());
            assertEquals(List.of(T0, back), alerts.stream().map(MatchAlert::firstSeenMs).toList());
            MatchAlert first = alerts.get(0);
            assertEquals("alice", first.identityId());
            assertEquals(T0 + FRAME_MS, first.lastSeenMs(), "decided when the track is confirmed, on its second face");
            assertEquals(first.captureTimeMs(), first.lastSeenMs());
            assertEquals(1, first.facesUsed());
            assertNotNull(first.thumbnail(), "the track's best shot");
            List<SightingEvent> seen = sightingEvents();
            assertTrue(seen.size() <= 12, "100 faces, embedded at birth and every 10 faces: " + seen.size());
            assertTrue(seen.stream().allMatch(e -> e.trackId() != null && "alice".equals(e.identityId())));
        }

        @Test
        void withADetectionIntervalTheVisitIsStillOneAlertFromAThirdOfTheDetections() {
            TopologySettings every3 = new TopologySettings(Topics.FRAMES, null, Duration.ofMinutes(10), false, true, 3,
                    DecisionOverrides.NONE, new AlertCooldowns(Duration.ofSeconds(10), Map.of()), FrameGuards.DEFAULT,
                    TrackerConfig.defaults().withDetectEvery(3));
            start(every3, Instant.ofEpochMilli(T0 + 60_000));
            show(show(T0, 51, 1), 20);
            List<MatchAlert> alerts = alerts();
            assertEquals(1, alerts.size(), "one alert for the visit: " + alerts);
            assertEquals("door-1", alerts.get(0).trackId());
            assertEquals(T0 + 3 * FRAME_MS, alerts.get(0).lastSeenMs(), "confirmed on its second detection");
            List<SightingEvent> seen = sightingEvents();
            assertTrue(seen.size() <= 4, "17 faces detected, embedded at birth and every 10: " + seen.size());
            assertTrue(seen.stream().allMatch(e -> e.sequence() % 3 == 0), "faces only on every third frame");
        }

        @Test
        void aRestartMidVisitKeepsTheTrackAndRaisesNoSecondAlert() {
            // No cooldown: only the stored track can keep the visit to one alert.
            start(tracked(Duration.ZERO, null), Instant.ofEpochMilli(T0 + 60_000));
            long t = show(T0, 20, 1);
            assertEquals(1, alerts().size());
            var changelog = driver.createOutputTopic("topology-test-" + TrackStore.NAME + "-changelog",
                    Serdes.String().deserializer(), new TrackerStateSerde().deserializer()).readKeyValuesToMap();
            driver.close();
            driver = null;
            // The test driver deletes its state on close: restore the store from its changelog, as Kafka Streams does.
            start(tracked(Duration.ZERO, null), Instant.ofEpochMilli(T0 + 60_000));
            KeyValueStore<String, TrackerState> store = driver.getKeyValueStore(TrackStore.NAME);
            changelog.forEach(store::put);
            show(t, 30, 1);
            assertEquals(List.of(), alerts(), "the same visit after the restart");
            assertTrue(sightingEvents().stream().allMatch(e -> "door-1".equals(e.trackId())), "the same track");
        }

        @Test
        void anotherPersonInTheSameSpotStartsANewTrackAndIsAlerted() {
            start(tracked(Duration.ofMinutes(5), null), Instant.ofEpochMilli(T0 + 60_000));
            long t = show(T0, 10, 1);
            show(t, 30, 2);
            List<MatchAlert> alerts = alerts();
            assertEquals(List.of("alice", "bob"), alerts.stream().map(MatchAlert::identityId).toList());
            assertEquals(List.of("door-1", "door-2"), alerts.stream().map(MatchAlert::trackId).toList());
            assertTrue(alerts.get(1).firstSeenMs() >= t, "bob's track starts when bob is first embedded");
        }

        @Test
        void aTrackAlertNamesItsWatchlistsIsRoutedAndALimitedCameraStaysQuiet() {
            TopologySettings base = tracked(Duration.ofMinutes(5), null);
            start(new TopologySettings(base.framesTopic(), null, base.maxFrameAge(), false, true, 3, base.overrides(),
                    base.cooldowns(), base.guards(), base.tracks(), ROUTING), Instant.ofEpochMilli(T0 + 60_000));
            for (int i = 0; i < 10; i++) {
                send("door", i, T0 + i * FRAME_MS, PaletteFaces.frame(1));
                send("lobby", i, T0 + i * FRAME_MS, PaletteFaces.frame(1));
            }
            List<MatchAlert> alerts = alerts();
            assertEquals(List.of("door alice"), alerts.stream().map(a -> a.cameraId() + " " + a.identityId()).toList());
            assertEquals("door-1", alerts.get(0).trackId());
            assertEquals(List.of("staff", "vip"), alerts.get(0).watchlists());
            assertEquals(List.of("door alice"), routed("vip"));
            assertEquals(List.of(), routed("other"));
            assertTrue(sightingEvents().stream().anyMatch(e -> e.cameraId().equals("lobby")
                    && "alice".equals(e.identityId())), "the lobby's faces are still decided and kept");
        }

        @Test
        void anUnknownTrackIsPublishedOnceWhenItEnds() throws Exception {
            // Alert thumbnails off: the unknown track's event carries its best face all the same.
            start(tracked(Duration.ZERO, "faceflow.unknown", false), Instant.ofEpochMilli(T0 + 60_000));
            long t = show(T0, 30, 5);
            assertEquals(List.of(), unknown.readValuesToList(), "not while the track lives");
            show(t, 20);
            List<SightingEvent> unknowns = unknown.readValuesToList().stream()
                    .map(v -> Messages.fromJson(v, SightingEvent.class)).toList();
            assertEquals(1, unknowns.size());
            SightingEvent event = unknowns.get(0);
            assertEquals("door-1", event.trackId());
            assertNull(event.identityId());
            assertEquals(PaletteFaces.DIM, event.embedding().length);
            assertEquals(5, argmax(event.embedding()), "the fused embedding of palette 5");
            assertEquals(5, event.landmarks().size(), "the best face's landmarks");
            BufferedImage crop = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(event.thumbnail())));
            assertEquals(112, crop.getWidth(), "the aligned best face, as JPEG");
            assertEquals(List.of(), alerts());
        }

        @Test
        void aModelSwitchMidTrackStartsItsEmbeddingsAfreshWithoutASecondAlert() {
            start(tracked(Duration.ZERO, null), Instant.ofEpochMilli(T0 + 60_000));
            long t = show(T0, 5, 1);
            live.switchTo(generation("v2"));
            show(t, 9, 1);
            List<MatchAlert> alerts = alerts();
            assertEquals(List.of("v1"), alerts.stream().map(MatchAlert::modelVersion).toList(),
                    "the track's decision survives the switch");
            TrackerState state = driver.<String, TrackerState>getKeyValueStore(TrackStore.NAME).get("door");
            assertEquals("v2", state.modelVersion());
            Track track = state.tracks().get(0);
            assertEquals("door-1", track.id());
            float[] v2 = new PaletteFaces.PaletteEmbedder("v2").embedding(1);
            assertEquals(1, Vectors.dot(track.fusedEmbedding(), v2), 1e-6, "no v1 vector fused with v2 ones");
            assertEquals(List.of("v1", "v2"), sightingEvents().stream().map(SightingEvent::modelVersion).toList(),
                    "embedded at birth under v1, then again at once under v2");
        }

        private static int argmax(float[] v) {
            int best = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] > v[best]) {
                    best = i;
                }
            }
            return best;
        }
    }
}
