package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.contract.topic.Topics;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.streams.topology.DeadLetters;
import io.faceflow.testkit.ChildJvm;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.MilvusServer;
import io.faceflow.testkit.SitcomScenes;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults a running stream processor must survive, each against real servers: the processor
 * as its own process (so a native crash shows as its exit code, not as this JVM dying), the
 * pretrained model, an in-JVM Kafka broker that can be stopped, and a Milvus Lite server that can
 * be stopped. Load is a backlog of the sitcom scenes (3 to 6 faces each).
 *
 * <p>"Decided exactly once" is read off faceflow.sightings under read_committed: every frame sent
 * has its faces there, as many as every other frame of the same scene, and no sighting twice.
 */
class StreamsFaultsTest {
    private static final List<String> SCENES = List.of("bbt1.jpg", "bbt2.jpg", "bbt3.jpg", "bbt4.jpg", "bbt5.jpg");

    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static Path bundleA;
    static Path bundleB;
    static String versionA;
    static String versionB;
    static String embeddedIndex;
    static List<byte[]> scenes = new ArrayList<>();

    /** A frame sent: camera, sequence, which scene. */
    private record Sent(String camera, long sequence, int scene) {
        String key() {
            return camera + "#" + sequence;
        }
    }

    @BeforeAll
    static void brokerModelsAndGallery() throws Exception {
        broker = KafkaBroker.startInJvm();
        bundleA = importPretrained("faceflow-faults-a");
        bundleB = importPretrained("faceflow-faults-b");
        versionA = ModelBundle.readManifest(bundleA).version();
        versionB = ModelBundle.readManifest(bundleB).version();
        embeddedIndex = "file:" + dir.resolve("index");
        enrol(embeddedIndex, dir.resolve("crops"));
        // A second collection for the switch test: the same people under model B, which becomes live.
        Run reindex = CommandLineTest.run("gallery", "reindex", "--model", bundleB.toString(), "--device", "cpu",
                "--index", embeddedIndex, "--gallery-store", dir.resolve("crops").toString());
        assertEquals(0, reindex.exitCode(), reindex.err());
        for (String scene : SCENES) {
            scenes.add(Files.readAllBytes(TestResources.testData().resolve("sitcom_cast/scenes").resolve(scene)));
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Path importPretrained(String name) {
        Path bundle = dir.resolve(name);
        Run imported = CommandLineTest.run("models", "import", "--file", TestResources.pretrainedRecognizer().toString(),
                "--format", "onnx", "--std", "128", "--name", name, "--out", bundle.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        return bundle;
    }

    private static void enrol(String index, Path crops) throws Exception {
        Path people = dir.resolve("people-" + crops.getFileName());
        for (String person : SitcomScenes.CAST) {
            Files.createDirectories(people.resolve(person));
            Path photo = TestResources.testData().resolve("sitcom_cast/people/" + person + "/" + person + "1.png");
            Files.copy(photo, people.resolve(person).resolve(photo.getFileName()));
        }
        Run enrol = CommandLineTest.run("enroll", "--folder", people.toString(), "--index", index, "--gallery-store",
                crops.toString(), "--model", bundleA.toString(), "--models-dir", TestResources.models().toString());
        assertEquals(0, enrol.exitCode(), enrol.err());
    }

    /** The processor's command line on {@code index} with {@code model}, settings in a file named for the test. */
    private static String[] processor(String name, String index, Path model, String... settings) throws Exception {
        Path config = dir.resolve(name + ".properties");
        List<String> lines = new ArrayList<>(List.of(
                "application.id=faults-" + name,
                "frames.topic=frames-" + name,
                "cooldown.ms=3600000",
                "max.frame.age.ms=0",
                "topic.partitions=2",
                "metrics.port=0",
                "detect.max.side=0",
                "state.dir=" + dir.resolve(name + "-state"),
                "kafka.transaction.timeout.ms=10000",
                // The imported bundles carry no calibration; the pretrained model's own threshold serves both.
                "threshold=" + PretrainedRecognizer.CALIBRATION.threshold()));
        lines.addAll(List.of(settings));
        Files.writeString(config, String.join("\n", lines));
        return new String[] {"streams", "--bootstrap", broker.bootstrapServers(), "--index", index, "--model",
            model.toString(), "--models-dir", TestResources.models().toString(), "--config", config.toString()};
    }

    @Test
    void aStopAtARandomMomentUnderLoadIsCleanEveryTimeAndLosesNoFrame() throws Exception {
        String name = "stop";
        String[] args = processor(name, embeddedIndex, bundleB);
        List<Sent> sent = plan(name, 2, 60);
        try (KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers())) {
            sendAll(producer, "frames-" + name, sent);
        }
        Path log = dir.resolve(name + ".log");
        Random random = new Random(20);
        int rounds = 6;
        for (int round = 0; round < rounds; round++) {
            int from = StreamsHarness.lines(log);
            try (ChildJvm child = StreamsHarness.start(log, args)) {
                StreamsHarness.awaitRunning(child, from);
                Thread.sleep(200 + random.nextInt(2_800));
                boolean ctrlC = round % 2 == 0;
                int exit = ctrlC ? child.interrupt(Duration.ofSeconds(120)) : child.terminate(Duration.ofSeconds(120));
                List<String> output = StreamsHarness.linesFrom(log, from);
                String all = String.join("\n", output);
                assertFalse(all.contains("SIGSEGV") || all.contains("A fatal error has been detected"),
                        "round " + round + ": the JVM crashed on its stop:\n" + all);
                assertEquals(ctrlC ? 130 : 143, exit, "round " + round + " (" + (ctrlC ? "SIGINT" : "SIGTERM")
                        + "): exit code\n" + all);
                assertTrue(output.stream().anyMatch(l -> l.contains("PENDING_SHUTDOWN -> NOT_RUNNING")),
                        "round " + round + ": Kafka Streams closed cleanly:\n" + all);
            }
        }
        int from = StreamsHarness.lines(log);
        try (ChildJvm last = StreamsHarness.start(log, args)) {
            StreamsHarness.awaitRunning(last, from);
            awaitDecided(sent, Duration.ofMinutes(4), last);
            assertEquals(143, last.terminate(Duration.ofSeconds(120)));
        }
        assertEachFrameDecidedOnce(sent);
    }

    /**
     * kill -9 of the process that holds the sighting sink, twice, under a backlog: afterwards the
     * store holds every sighting on the topic, once (the sink commits its offsets only after the
     * store), and {@code sightings rebuild --clear} re-creates the same store from the topic.
     */
    @Test
    void aKillNineOfTheSightingSinkLosesNoSighting() throws Exception {
        String name = "kill";
        String[] args = processor(name, embeddedIndex, bundleB, "sightings.batch.records=20");
        List<Sent> sent = plan(name, 2, 40);
        try (KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers())) {
            sendAll(producer, "frames-" + name, sent);
        }
        Path log = dir.resolve(name + ".log");
        Random random = new Random(9);
        for (int round = 0; round < 2; round++) {
            int from = StreamsHarness.lines(log);
            try (ChildJvm child = StreamsHarness.start(log, args)) {
                StreamsHarness.awaitRunning(child, from);
                Thread.sleep(1_000 + random.nextInt(3_000));
                child.kill();
            }
        }
        int from = StreamsHarness.lines(log);
        try (ChildJvm last = StreamsHarness.start(log, args)) {
            StreamsHarness.awaitRunning(last, from);
            awaitDecided(sent, Duration.ofMinutes(4), last);
            StreamsHarness.awaitGroupCaughtUp(broker.bootstrapServers(), "faults-" + name + "-sightings",
                    Topics.SIGHTINGS, Duration.ofMinutes(2));
            assertEquals(143, last.terminate(Duration.ofSeconds(120)), last.output());
        }
        assertEachFrameDecidedOnce(sent);
        Map<String, Long> onTopic = sightingsOnTopicByVersion();
        assertEquals(onTopic, storedByVersion(onTopic.keySet()), "the store holds every sighting on the topic, once");

        Run rebuild = CommandLineTest.run("sightings", "rebuild", "--clear", "--bootstrap", broker.bootstrapServers(),
                "--index", embeddedIndex, "--gallery-store", dir.resolve("crops").toString());
        assertEquals(0, rebuild.exitCode(), rebuild.err());
        assertTrue(rebuild.out().contains("cleared "), rebuild.out());
        assertEquals(onTopic, storedByVersion(onTopic.keySet()), "rebuilt from the topic alone: the same store");
    }

    /** How many distinct sightings faceflow.sightings holds (read_committed), by model version. */
    private static Map<String, Long> sightingsOnTopicByVersion() {
        Map<String, Set<String>> ids = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : StreamsHarness.readAll(broker.bootstrapServers(), Topics.SIGHTINGS)) {
            SightingEvent e = Messages.fromJson(r.value(), SightingEvent.class);
            ids.computeIfAbsent(e.modelVersion(), v -> new TreeSet<>()).add(e.sightingId());
        }
        Map<String, Long> counts = new TreeMap<>();
        ids.forEach((version, set) -> counts.put(version, (long) set.size()));
        return counts;
    }

    /** How many sightings the embedded index's store holds, by model version. */
    private static Map<String, Long> storedByVersion(Set<String> versions) {
        Map<String, Long> counts = new TreeMap<>();
        try (GalleryCatalog catalog = GalleryCatalogs.open(embeddedIndex)) {
            for (String version : versions) {
                int dimension = catalog.openExisting(version).orElseThrow().dimension();
                counts.put(version, catalog.sightings(version, dimension).count());
            }
        }
        return counts;
    }

    @Test
    void modelSwitchesUnderLoadLoseNoFrameAndCrashNothing() throws Exception {
        String name = "switch";
        String[] args = processor(name, embeddedIndex, bundleB);
        List<Sent> sent = plan(name, 2, 60);
        Path log = dir.resolve(name + ".log");
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", broker.bootstrapServers());
        int switches = 8;
        try (ChildJvm child = StreamsHarness.start(log, args);
                KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers())) {
            StreamsHarness.awaitRunning(child, 0);
            sendAll(producer, "frames-" + name, sent);
            for (int i = 0; i < switches; i++) {
                Thread.sleep(1_500);
                boolean toA = i % 2 == 0;
                ModelTopicWriter.announceLive(kafka, toA ? versionA : versionB, toA ? bundleA : bundleB);
            }
            awaitDecided(sent, Duration.ofMinutes(4), child);
            assertEquals(143, child.terminate(Duration.ofSeconds(120)), child.output());
        }
        String output = Files.readString(log);
        assertFalse(output.contains("SIGSEGV") || output.contains("A fatal error has been detected"), output);
        long switched = output.lines().filter(l -> l.contains("live model switched from")).count();
        assertEquals(switches, switched, "every announcement switched the live model:\n" + output);
        List<SightingEvent> sightings = assertEachFrameDecidedOnce(sent);
        Set<String> versions = new HashSet<>();
        sightings.forEach(s -> versions.add(s.modelVersion()));
        assertEquals(Set.of(versionA, versionB), versions, "frames were decided under both models");
    }

    @Test
    void theProcessorRidesOutA30SecondBrokerOutageAndDecidesEveryFrameOnce() throws Exception {
        String name = "broker";
        String[] args = processor(name, embeddedIndex, bundleB);
        List<Sent> before = plan(name, 2, 10);
        List<Sent> during = plan(name, 2, 20).subList(before.size(), 2 * 20);
        List<Sent> sent = new ArrayList<>(before);
        sent.addAll(during);
        Path log = dir.resolve(name + ".log");
        try (ChildJvm child = StreamsHarness.start(log, args);
                KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers(),
                        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000))) {
            StreamsHarness.awaitRunning(child, 0);
            sendAll(producer, "frames-" + name, before);
            awaitDecided(before, Duration.ofMinutes(2), child);

            broker.stopBroker();
            long outageStart = System.nanoTime();
            // Frames captured while the broker is down: their producer waits for it (its send blocks on
            // metadata), so they are handed over from another thread, as a camera's ingest would.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (Sent s : during) {
                    producer.send(record("frames-" + name, s));
                }
                producer.flush();
            });
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - outageStart) / 1_000_000));
            assertTrue(child.alive(), "the processor survives the outage:\n" + child.output());
            assertFalse(sending.isDone(), "nothing could be delivered while the broker was down");
            broker.restartBroker();
            sending.get(2, TimeUnit.MINUTES);
            awaitDecided(sent, Duration.ofMinutes(4), child);
            assertTrue(child.alive(), "the processor recovered by itself, without a restart");
            assertEquals(143, child.terminate(Duration.ofSeconds(120)), child.output());
        }
        assertEachFrameDecidedOnce(sent);
    }

    @Test
    void framesWaitForMilvusThroughA30SecondOutageAndReadinessSaysSo() throws Exception {
        String name = "milvus";
        try (MilvusServer milvus = MilvusServer.startOrConnect()) {
            String index = milvus.uri();
            enrol(index, dir.resolve("milvus-crops"));
            String[] args = processor(name, index, bundleA);
            List<Sent> before = plan(name, 1, 5);
            List<Sent> during = plan(name, 1, 15).subList(before.size(), 15);
            List<Sent> sent = new ArrayList<>(before);
            sent.addAll(during);
            Path log = dir.resolve(name + ".log");
            try (ChildJvm child = StreamsHarness.start(log, args);
                    KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers())) {
                StreamsHarness.awaitRunning(child, 0);
                int port = StreamsHarness.metricsPort(log, 0);
                assertEquals(200, StreamsHarness.get(port, "/health/ready").statusCode(), "ready before the outage");
                sendAll(producer, "frames-" + name, before);
                awaitDecided(before, Duration.ofMinutes(2), child);

                milvus.stopServer();
                long outageStart = System.nanoTime();
                awaitReadiness(port, 503, Duration.ofSeconds(20));
                sendAll(producer, "frames-" + name, during);
                Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - outageStart) / 1_000_000));
                assertEquals(503, StreamsHarness.get(port, "/health/ready").statusCode(), "not ready all through the outage");
                assertTrue(child.alive(), "the processor survives the outage:\n" + child.output());
                milvus.restartServer();
                awaitReadiness(port, 200, Duration.ofSeconds(60));
                awaitDecided(sent, Duration.ofMinutes(4), child);
                assertEquals(143, child.terminate(Duration.ofSeconds(120)), child.output());
            }
            assertEachFrameDecidedOnce(sent);
            assertTrue(deadLetters(name).isEmpty(), "no frame went to the dead letters for the outage: "
                    + deadLetters(name));
        }
    }

    @Test
    void hostileFramesReachTheDeadLettersWithTheirReasonAndTheStreamGoesOnWithBoundedMemory() throws Exception {
        String name = "hostile";
        int maxFrameBytes = 256 * 1024;
        String[] args = processor(name, embeddedIndex, bundleB, "max.frame.bytes=" + maxFrameBytes,
                "max.camera.fps=100");
        String topic = "frames-" + name;
        Path log = dir.resolve(name + ".log");
        try (ChildJvm child = StreamsHarness.start(log, args);
                KafkaProducer<String, byte[]> producer = StreamsHarness.producer(broker.bootstrapServers())) {
            StreamsHarness.awaitRunning(child, 0);
            int port = StreamsHarness.metricsPort(log, 0);
            long now = System.currentTimeMillis();
            String cam = name + "-cam";
            send(producer, topic, cam, StreamsHarness.frameHeaders(cam, now, 0, FrameHeaders.JPEG),
                    jpegClaiming(60_000, 60_000));
            send(producer, topic, cam, StreamsHarness.frameHeaders(cam, now, 1, FrameHeaders.JPEG),
                    new byte[maxFrameBytes + 1]);
            send(producer, topic, cam, new RecordHeaders(), scenes.get(0));
            RecordHeaders wrong = StreamsHarness.frameHeaders(cam, now, 3, FrameHeaders.JPEG);
            wrong.remove(FrameHeaders.CAPTURE_TIME).add(FrameHeaders.CAPTURE_TIME, "yesterday".getBytes());
            send(producer, topic, cam, wrong, scenes.get(0));
            send(producer, topic, cam, StreamsHarness.frameHeaders(name + "-other", now, 4, FrameHeaders.JPEG),
                    scenes.get(0));
            send(producer, topic, cam, StreamsHarness.frameHeaders(cam, now, 5, FrameHeaders.JPEG), new byte[0]);
            List<String> reasons = awaitDeadLetters(name, 6, Duration.ofMinutes(1));
            for (String want : List.of("60000x60000", "over max.frame.bytes", "header contract", "key/header mismatch",
                    "empty frame")) {
                assertTrue(reasons.stream().anyMatch(r -> r.contains(want)), "a dead letter says '" + want + "': "
                        + reasons);
            }
            assertTrue(reasons.stream().filter(r -> r.startsWith("header contract")).count() >= 2,
                    "missing and unreadable headers: " + reasons);

            // 10,000 frames from one camera within a second: the camera's rate guard takes what it allows.
            long rssBefore = residentKb(child);
            double processedBefore = StreamsHarness.metric(port, "faceflow_stream_frames_total");
            String flood = name + "-flood";
            byte[] small = ImageEncoder.jpeg(new BgrImage(64, 64, new byte[64 * 64 * 3]), 80);
            long start = System.currentTimeMillis();
            for (int i = 0; i < 10_000; i++) {
                producer.send(new ProducerRecord<>(topic, null, flood, small,
                        StreamsHarness.frameHeaders(flood, start + i / 10, i, FrameHeaders.JPEG)));
            }
            producer.flush();
            long sendMs = System.currentTimeMillis() - start;
            // Then a real frame: the stream goes on.
            Sent after = new Sent(name + "-after", 0, 0);
            sendAll(producer, topic, List.of(after));
            awaitDecided(List.of(after), Duration.ofMinutes(3), child);
            long floodDead = awaitDeadLetterCount(flood, 9_000, Duration.ofMinutes(2));
            double processed = StreamsHarness.metric(port, "faceflow_stream_frames_total") - processedBefore - 1;
            long rssAfter = residentKb(child);
            System.out.printf("hostile frames: 10,000 flood frames sent in %d ms; %d to the dead letters, %.0f"
                    + " processed; resident memory %d -> %d MB%n", sendMs, floodDead, processed, rssBefore / 1024,
                    rssAfter / 1024);
            assertEquals(10_000, floodDead + (long) processed, "every flood frame is processed or dead-lettered");
            assertTrue(processed <= 300, "the rate guard held the camera near 100 frames/s: " + processed);
            assertTrue(rssAfter - rssBefore < 400 * 1024, "memory stays bounded: " + rssBefore / 1024 + " -> "
                    + rssAfter / 1024 + " MB");
            assertTrue(child.alive());
            assertEquals(143, child.terminate(Duration.ofSeconds(120)), child.output());
        }
    }

    /** {@code perCamera} frames for each of {@code cameras} cameras named after the test, cycling the scenes. */
    private static List<Sent> plan(String name, int cameras, int perCamera) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < perCamera; i++) {
            for (int c = 0; c < cameras; c++) {
                sent.add(new Sent(name + "-cam" + c, i, (i + c) % SCENES.size()));
            }
        }
        return sent;
    }

    private static ProducerRecord<String, byte[]> record(String topic, Sent s) {
        return new ProducerRecord<>(topic, null, s.camera(), scenes.get(s.scene()),
                StreamsHarness.frameHeaders(s.camera(), System.currentTimeMillis(), s.sequence(), FrameHeaders.JPEG));
    }

    private static void sendAll(KafkaProducer<String, byte[]> producer, String topic, List<Sent> frames)
            throws Exception {
        for (Sent s : frames) {
            producer.send(record(topic, s));
        }
        producer.flush();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, RecordHeaders headers,
            byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    }

    /** A complete JPEG whose frame header claims {@code width} x {@code height}: a decompression bomb. */
    private static byte[] jpegClaiming(int width, int height) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8,
            (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            (byte) 0xFF, (byte) 0xD9};
    }

    /** The committed sightings of the frames in {@code sent}, grouped by frame. */
    private static Map<String, List<SightingEvent>> sightingsByFrame(List<Sent> sent) {
        Set<String> cameras = new HashSet<>();
        sent.forEach(s -> cameras.add(s.camera()));
        Map<String, List<SightingEvent>> byFrame = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : StreamsHarness.readAll(broker.bootstrapServers(), Topics.SIGHTINGS)) {
            if (r.key() != null && cameras.contains(r.key())) {
                SightingEvent e = Messages.fromJson(r.value(), SightingEvent.class);
                byFrame.computeIfAbsent(e.cameraId() + "#" + e.sequence(), k -> new ArrayList<>()).add(e);
            }
        }
        return byFrame;
    }

    private static void awaitDecided(List<Sent> sent, Duration timeout, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int decided = 0;
        while (System.nanoTime() < deadline) {
            Map<String, List<SightingEvent>> byFrame = sightingsByFrame(sent);
            decided = (int) sent.stream().filter(s -> byFrame.containsKey(s.key())).count();
            if (decided == sent.size()) {
                return;
            }
            assertTrue(child.alive(), "the processor ended with " + decided + " of " + sent.size()
                    + " frames decided:\n" + child.output());
            Thread.sleep(1_000);
        }
        throw new AssertionError(decided + " of " + sent.size() + " frames decided within " + timeout + ":\n"
                + child.output());
    }

    /** Every frame's faces once: no sighting twice, and each frame as many faces as the other frames of its scene. */
    private static List<SightingEvent> assertEachFrameDecidedOnce(List<Sent> sent) {
        Map<String, List<SightingEvent>> byFrame = sightingsByFrame(sent);
        Map<Integer, Integer> facesPerScene = new HashMap<>();
        List<SightingEvent> all = new ArrayList<>();
        for (Sent s : sent) {
            List<SightingEvent> faces = byFrame.getOrDefault(s.key(), List.of());
            assertFalse(faces.isEmpty(), "frame " + s.key() + " was never decided");
            Set<String> ids = new HashSet<>();
            faces.forEach(f -> assertTrue(ids.add(f.sightingId()), "sighting " + f.sightingId() + " twice"));
            int expected = facesPerScene.computeIfAbsent(s.scene(), k -> faces.size());
            assertEquals(expected, faces.size(), "frame " + s.key() + " of scene " + SCENES.get(s.scene())
                    + ": as many faces as every other frame of that scene, each once");
            all.addAll(faces);
        }
        assertAlertsOncePerPersonAndCamera(sent, all);
        return all;
    }

    /**
     * With a cooldown longer than the test, each (camera, person) decided in some frame is alerted
     * exactly once: none lost, none repeated.
     */
    private static void assertAlertsOncePerPersonAndCamera(List<Sent> sent, List<SightingEvent> sightings) {
        Set<String> cameras = new HashSet<>();
        sent.forEach(s -> cameras.add(s.camera()));
        Set<String> decided = new TreeSet<>();
        sightings.stream().filter(e -> e.identityId() != null).forEach(e -> decided.add(e.cameraId() + "|" + e.identityId()));
        List<String> alerted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : StreamsHarness.readAll(broker.bootstrapServers(), Topics.MATCHES)) {
            if (r.key() != null && cameras.contains(r.key())) {
                MatchAlert a = Messages.fromJson(r.value(), MatchAlert.class);
                alerted.add(a.cameraId() + "|" + a.identityId());
            }
        }
        Set<String> once = new TreeSet<>(alerted);
        assertEquals(once.size(), alerted.size(), "an alert repeated: " + alerted);
        assertEquals(decided, once, "one alert per person decided on each camera, none missing");
        assertFalse(decided.isEmpty(), "the scenes name people");
        System.out.printf("%d alerts for %d frames: none lost, none repeated%n", alerted.size(), sent.size());
    }

    private static List<String> deadLetters(String name) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : StreamsHarness.readAll(broker.bootstrapServers(), Topics.FRAMES_DLQ)) {
            if (r.key() != null && r.key().startsWith(name + "-")) {
                reasons.add(DeadLetters.reason(r.headers()));
            }
        }
        return reasons;
    }

    private static List<String> awaitDeadLetters(String name, int atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> reasons = deadLetters(name);
        while (reasons.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            reasons = deadLetters(name);
        }
        assertEquals(atLeast, reasons.size(), "dead letters: " + reasons);
        return reasons;
    }

    /** Dead letters keyed {@code key}, once their count has stopped growing past {@code atLeast}. */
    private static long awaitDeadLetterCount(String key, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = -1;
        long previous = -2;
        while (System.nanoTime() < deadline && (count < atLeast || count != previous)) {
            previous = count;
            Thread.sleep(2_000);
            count = StreamsHarness.readAll(broker.bootstrapServers(), Topics.FRAMES_DLQ).stream()
                    .filter(r -> key.equals(r.key())).count();
        }
        return count;
    }

    private static void awaitReadiness(int port, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = StreamsHarness.get(port, "/health/ready").statusCode();
            if (seen == status) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("/health/ready stayed " + seen + ", expected " + status + " within " + timeout);
    }

    private static long residentKb(ChildJvm child) throws Exception {
        long pid = child.processTree().get(0).pid();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
