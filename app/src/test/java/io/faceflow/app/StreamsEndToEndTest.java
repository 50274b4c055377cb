package io.faceflow.app;

import static io.faceflow.app.CommandLineTest.concat;
import static io.faceflow.app.CommandLineTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.contract.topic.Topics;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.recognition.DecisionThreshold;
import io.faceflow.recognition.IdentifiedFace;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.ImageIdentification;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.ModelGeneration;
import io.faceflow.streams.topology.DeadLetters;
import io.faceflow.testkit.ChildJvm;
import io.faceflow.testkit.JsonSchemas;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.MilvusServer;
import io.faceflow.testkit.SitcomScenes;
import io.faceflow.testkit.TestResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream processor end to end: a real broker, the pretrained model, a real index, the
 * processor as its own process (so it can be killed outright), frames made from the sitcom photos
 * and scenes. The alerts must be exactly the (camera, person) pairs that identifying the same
 * frames one by one predicts, each once, with nothing lost or repeated across a kill -9.
 */
class StreamsEndToEndTest {
    private static final String PEOPLE_CAMERA = "cam-people";
    private static final String SCENES_CAMERA = "cam-scenes";
    private static final String LATE_CAMERA = "cam-late";
    private static final List<String> SCENES = List.of("bbt1.jpg", "bbt2.jpg", "bbt3.jpg", "bbt4.jpg", "bbt5.jpg");

    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static Path bundle;

    /** A frame sent: which camera, its sequence, the file, and who is in it (null for a scene). */
    private record Sent(String camera, long sequence, Path file, String owner) {}

    @BeforeAll
    static void brokerAndModel() {
        broker = KafkaBroker.startInJvm();
        bundle = dir.resolve("mobilefacenet");
        assertEquals(0, CommandLineTest.run("models", "import", "--file", TestResources.pretrainedRecognizer().toString(),
                "--format", "onnx", "--std", "128", "--name", "mobilefacenet", "--out", bundle.toString()).exitCode());
        Run eval = CommandLineTest.run("eval", "--model", bundle.toString(), "--ident",
                TestResources.testData().resolve("orl_faces").toString(), "--crop-mode", "detect-or-resize",
                "--models-dir", TestResources.models().toString(), "--calibrate");
        assertEquals(0, eval.exitCode(), eval.err());
        // The threshold shipped with the pretrained bundle is this very measurement; it must not drift.
        assertEquals(PretrainedRecognizer.CALIBRATION.threshold(),
                ModelBundle.readManifest(bundle).calibration().threshold(), 0.002);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void embeddedIndex() throws Exception {
        identifyLiveAcrossAKill("file:" + dir.resolve("embedded-index"), dir.resolve("embedded-crops"), "embedded");
    }

    @Test
    void milvusIndex() throws Exception {
        try (MilvusServer milvus = MilvusServer.startOrConnect()) {
            identifyLiveAcrossAKill(milvus.uri(), dir.resolve("milvus-crops"), "milvus");
        }
    }

    private static void identifyLiveAcrossAKill(String index, Path crops, String name) throws Exception {
        enrolPhotosOneAndTwo(index, crops);
        String app = "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String cameraSuffix = "-" + name;
        Path config = dir.resolve(name + ".properties");
        Files.writeString(config, String.join("\n",
                "application.id=" + app,
                "cooldown.ms=3600000",
                "max.frame.age.ms=600000",
                "topic.partitions=2",
                "metrics.port=0",
                "detect.max.side=0",
                "state.dir=" + dir.resolve(name + "-state"),
                "kafka.transaction.timeout.ms=10000"));
        String[] args = {"streams", "--bootstrap", broker.bootstrapServers(), "--index", index, "--model",
            bundle.toString(), "--models-dir", TestResources.models().toString(), "--config", config.toString()};
        Map<String, String> env = Map.of();

        Path people = TestResources.testData().resolve("sitcom_cast/people");
        Path scenes = TestResources.testData().resolve("sitcom_cast/scenes");
        List<Sent> beforeKill = new ArrayList<>();
        for (String person : SitcomScenes.CAST) {
            for (int i = 3; i <= 5; i++) {
                plan(beforeKill, PEOPLE_CAMERA + cameraSuffix, people.resolve(person + "/" + person + i + ".png"), person);
            }
        }
        List<Sent> whileDown = new ArrayList<>();
        for (String scene : SCENES) {
            plan(whileDown, SCENES_CAMERA + cameraSuffix, scenes.resolve(scene), null);
        }
        for (String person : SitcomScenes.CAST) {
            plan(whileDown, LATE_CAMERA + cameraSuffix, people.resolve(person + "/" + person + "3.png"), person);
        }
        List<Sent> sent = new ArrayList<>(beforeKill);
        sent.addAll(whileDown);
        // The oracle runs before the processor starts: the embedded index admits one process at a time.
        Set<String> expected = expectedAlerts(index, crops, sent);

        Path log = dir.resolve(name + "-streams.log");
        try (KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers())) {
            ChildJvm first = ChildJvm.start(log, env, "io.faceflow.app.Main", args);
            try {
                StreamsHarness.awaitRunning(first, 0);
                for (Sent frame : beforeKill) {
                    send(producer, frame);
                    if (frame.sequence() == 7) {
                        sendCorrupt(producer, frame.camera());
                    }
                }
                // Killed as soon as the first alert is out: the rest of the frames are in flight.
                waitForAlerts(cameraSuffix, 1, Duration.ofMinutes(2));
            } finally {
                first.kill();
            }
            for (Sent frame : whileDown) {
                send(producer, frame);
            }
            producer.flush();
            int restartedAt = StreamsHarness.lines(log);
            try (ChildJvm second = ChildJvm.start(log, env, "io.faceflow.app.Main", args)) {
                StreamsHarness.awaitRunning(second, restartedAt);
                waitForAlerts(cameraSuffix, expected.size(), Duration.ofMinutes(4));
                Thread.sleep(3_000);
                List<MatchAlert> alerts = readAlerts(cameraSuffix);
                checkAlerts(alerts, sent, expected);
                List<String> dead = deadLetterReasons(cameraSuffix);
                assertEquals(1, dead.size(), "the corrupt frame, once: " + dead);
                assertTrue(dead.get(0).startsWith("cannot decode"), dead.get(0));
                // The sighting store is filled from the topic by the processor's sink: searchable once it caught up.
                StreamsHarness.awaitGroupCaughtUp(broker.bootstrapServers(), app + "-sightings", Topics.SIGHTINGS,
                        Duration.ofMinutes(2));
                int stoppedAt = StreamsHarness.lines(log);
                assertEquals(143, second.terminate(Duration.ofSeconds(60)), "SIGTERM ends it, without a kill");
                List<String> shutdown = Files.readAllLines(log).subList(stoppedAt, StreamsHarness.lines(log));
                assertTrue(shutdown.stream().anyMatch(l -> l.contains("PENDING_SHUTDOWN -> NOT_RUNNING")),
                        "Kafka Streams closed cleanly on SIGTERM:\n" + String.join("\n", shutdown));
            }
        }
        searchSightingsThenForget(index, crops, cameraSuffix);
    }

    /** Where was Penny seen? Then forget her: her sightings go with her templates and crops. */
    private static void searchSightingsThenForget(String index, Path crops, String cameraSuffix) throws Exception {
        Path probe = TestResources.testData().resolve("sitcom_cast/people/penny/penny4.png");
        String[] common = {"--index", index, "--gallery-store", crops.toString(), "--model", bundle.toString(),
            "--models-dir", TestResources.models().toString()};
        Run found = CommandLineTest.run(concat(new String[] {"sightings", "search", "--json", "--top", "5",
            "--camera", LATE_CAMERA + cameraSuffix, probe.toString()}, common));
        assertEquals(0, found.exitCode(), found.err());
        List<JsonNode> hits = jsonLines(found.out());
        assertTrue(!hits.isEmpty(), "penny was seen on " + LATE_CAMERA);
        assertEquals("penny", hits.get(0).get("identityId").asText(), "the most similar sighting is hers: " + hits);
        assertTrue(hits.stream().allMatch(h -> h.get("cameraId").asText().equals(LATE_CAMERA + cameraSuffix)));

        Run forget = CommandLineTest.run("forget", "--person", "penny", "--index", index, "--gallery-store",
                crops.toString());
        assertEquals(0, forget.exitCode(), forget.err());
        assertTrue(!forget.out().contains("sightings erased: 0"), forget.out());
        Run after = CommandLineTest.run(concat(new String[] {"sightings", "search", "--json", "--top", "50",
            probe.toString()}, common));
        assertEquals(0, after.exitCode(), after.err());
        List<JsonNode> left = jsonLines(after.out());
        assertTrue(!left.isEmpty(), "other people's sightings stay");
        for (JsonNode h : left) {
            assertTrue(!"penny".equals(h.get("identityId").asText(null)), "no sighting of penny is left: " + h);
        }
    }


    private static void plan(List<Sent> frames, String camera, Path file, String owner) {
        frames.add(new Sent(camera, frames.stream().filter(f -> f.camera().equals(camera)).count(), file, owner));
    }

    private static void enrolPhotosOneAndTwo(String index, Path crops) throws Exception {
        Path people = dir.resolve("enrol-" + crops.getFileName());
        for (String person : SitcomScenes.CAST) {
            Files.createDirectories(people.resolve(person));
            for (int i = 1; i <= 2; i++) {
                Path photo = TestResources.testData().resolve("sitcom_cast/people/" + person + "/" + person + i + ".png");
                Files.copy(photo, people.resolve(person).resolve(photo.getFileName()));
            }
        }
        Run enrol = CommandLineTest.run("enroll", "--folder", people.toString(), "--index", index, "--gallery-store",
                crops.toString(), "--model", bundle.toString(), "--models-dir", TestResources.models().toString());
        assertEquals(0, enrol.exitCode(), enrol.err());
    }

    /** What identifying each sent frame on its own says: the (camera, person) pairs that must be alerted. */
    private static Set<String> expectedAlerts(String index, Path crops, List<Sent> sent) throws Exception {
        Set<String> expected = new TreeSet<>();
        try (GalleryCatalog catalog = GalleryCatalogs.open(index);
                RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU);
                YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(TestResources.models()))) {
            GalleryManager gallery = new GalleryManager(catalog, new CropStore(crops));
            Identifier identifier = new Identifier(detector, PipelineOptions.of(FaceSelection.ALL,
                    FaceQuality.IDENTIFICATION), new LiveModel(ModelGeneration.live(new FaceEmbedder(model, 8), gallery,
                    DecisionThreshold.resolve(model.manifest(), null), null)), 3);
            for (Sent s : sent) {
                if (s.file() == null) {
                    continue;
                }
                ImageIdentification result = identifier.identifyEncoded(Map.of(s.file().toString(),
                        Files.readAllBytes(s.file()))).get(0);
                for (IdentifiedFace f : result.faces()) {
                    if (f.decision() != null && f.decision().known()) {
                        expected.add(s.camera() + "|" + f.decision().identityId());
                    }
                }
            }
        }
        return expected;
    }

    private static void checkAlerts(List<MatchAlert> alerts, List<Sent> sent, Set<String> expected) {
        Set<String> seen = new HashSet<>();
        Map<String, Sent> bySequence = new LinkedHashMap<>();
        sent.forEach(s -> bySequence.put(s.camera() + "#" + s.sequence(), s));
        for (MatchAlert a : alerts) {
            assertTrue(seen.add(a.cameraId() + "|" + a.identityId()), "a second alert for " + a.cameraId() + " / "
                    + a.identityId() + " inside the cooldown: " + alerts);
            Sent frame = bySequence.get(a.cameraId() + "#" + a.sequence());
            String truth = frame.owner() != null ? frame.owner() : SitcomScenes.personAt(
                    frame.file().getFileName().toString(), a.box().x(), a.box().y(), a.box().width(), a.box().height());
            assertEquals(truth, a.identityId(), "alert names the person in the frame: " + a);
        }
        assertEquals(expected, new TreeSet<>(seen), "every expected alert arrived, once; nothing else");
        assertTrue(expected.stream().filter(k -> k.startsWith(SCENES_CAMERA)).count() >= 6,
                "most of the cast is recognised in the scenes: " + expected);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Sent frame) throws Exception {
        String type = frame.file().toString().endsWith(".png") ? FrameHeaders.PNG : FrameHeaders.JPEG;
        RecordHeaders headers = StreamsHarness.frameHeaders(frame.camera(), System.currentTimeMillis(),
                frame.sequence(), type);
        producer.send(new ProducerRecord<>(Topics.FRAMES, null, frame.camera(), Files.readAllBytes(frame.file()),
                headers)).get();
    }

    private static void sendCorrupt(KafkaProducer<String, byte[]> producer, String camera) throws Exception {
        RecordHeaders headers = StreamsHarness.frameHeaders(camera, System.currentTimeMillis(), 1_000_000,
                FrameHeaders.JPEG);
        producer.send(new ProducerRecord<>(Topics.FRAMES, null, camera,
                "\u00ff\u00d8 truncated".getBytes(StandardCharsets.ISO_8859_1), headers)).get();
    }

    private static List<MatchAlert> waitForAlerts(String cameraSuffix, int atLeast, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MatchAlert> alerts = List.of();
        while (System.nanoTime() < deadline) {
            alerts = readAlerts(cameraSuffix);
            if (alerts.size() >= atLeast) {
                return alerts;
            }
            Thread.sleep(500);
        }
        return alerts;
    }

    /** Every committed alert so far (read_committed: what an aborted transaction wrote is never seen). */
    private static List<MatchAlert> readAlerts(String cameraSuffix) {
        List<MatchAlert> alerts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.MATCHES)) {
            JsonSchemas.assertValid("/schemas/match-alert.schema.json", r.value());
            MatchAlert a = Messages.fromJson(r.value(), MatchAlert.class);
            if (a.cameraId().endsWith(cameraSuffix)) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    private static List<String> deadLetterReasons(String cameraSuffix) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.FRAMES_DLQ)) {
            if (r.key() != null && r.key().endsWith(cameraSuffix)) {
                reasons.add(DeadLetters.reason(r.headers()));
            }
        }
        return reasons;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return StreamsHarness.readAll(broker.bootstrapServers(), topic);
    }
}
