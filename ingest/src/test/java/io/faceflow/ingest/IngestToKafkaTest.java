package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real videos through real ingest into a real broker, read back with a real consumer. */
class IngestToKafkaTest {
    private static KafkaBroker broker;
    @TempDir
    static Path dir;
    private static Path generated;

    @BeforeAll
    static void setUp() throws Exception {
        broker = KafkaBroker.start();
        // 3 s at 25 fps, 640x360.
        generated = VideoFixtures.generate(dir.resolve("generated.mp4"), 640, 360, 25, 75);
    }

    @AfterAll
    static void tearDown() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void generatedAndRealVideosArriveDecodableInOrderWithHeadersAtTheSampledRate() throws Exception {
        Path pedestrians = TestResources.videos().resolve("pedestrians_1080p.mp4");
        TestResources.require(Files.isRegularFile(pedestrians), pedestrians.toString());
        double pedSeconds = VideoFixtures.durationSeconds(pedestrians);
        String topic = "frames-" + System.nanoTime();
        IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(
                        CameraConfig.of("gen", generated.toString(), 10).withPlayback(false, false),
                        CameraConfig.of("ped", pedestrians.toString(), 5).withResizeCap(0, 720).withPlayback(false, false)))
                .withTopic(topic).withMetricsPort(0).withProducer(Map.of("max.block.ms", "20000"));
        int expectedGen = 30;
        int expectedPed = (int) Math.round(pedSeconds * 5);
        String scrape;
        long total;
        try (Ingest ingest = Ingest.start(config)) {
            assertTrue(ingest.awaitAllEnded(Duration.ofSeconds(90)), "both files should be read to the end");
            scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            CameraMetrics gen = ingest.metrics("gen");
            CameraMetrics ped = ingest.metrics("ped");
            awaitSent(gen, gen.grabbedCount());
            awaitSent(ped, ped.grabbedCount());
            assertEquals(0, gen.droppedCount() + ped.droppedCount(), "nothing should be dropped with a healthy broker");
            total = gen.sentCount() + ped.sentCount();
        }
        assertTrue(scrape.contains("faceflow_ingest_frames_sent_total{camera=\"gen\"}"), "Prometheus scrape: " + scrape);

        List<ConsumerRecord<String, byte[]>> records = FrameConsumer.readUntil(broker.bootstrapServers(), topic,
                Duration.ofSeconds(30), r -> r.size() >= total);
        assertEquals(total, records.size(), "every acknowledged frame is in the topic, once");
        Map<String, List<ConsumerRecord<String, byte[]>>> byCamera =
                records.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
        check(byCamera.get("gen"), "gen", 640, 360, expectedGen, 1);
        // 1920x1080 capped at 720 high -> 1280x720.
        check(byCamera.get("ped"), "ped", 1280, 720, expectedPed, 2);
    }

    @Test
    void brokenCamerasAreReportedPerCameraWhileTheHealthyOneFlows() throws Exception {
        Path corrupt = dir.resolve("corrupt.mp4");
        byte[] noise = new byte[200_000];
        new Random(42).nextBytes(noise);
        Files.write(corrupt, noise);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String topic = "frames-trouble-" + System.nanoTime();
        IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(
                        CameraConfig.of("healthy", generated.toString(), 10).withPlayback(false, false),
                        CameraConfig.of("missing", dir.resolve("no-such-file.mp4").toString(), 10),
                        CameraConfig.of("unreachable", "http://127.0.0.1:" + closedPort + "/video.mjpg", 10),
                        CameraConfig.of("corrupt", corrupt.toString(), 10)))
                .withTopic(topic).withMetricsPort(-1).withTimings(2, 100, 400, 60);
        try (Ingest ingest = Ingest.start(config)) {
            CameraMetrics healthy = ingest.metrics("healthy");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (healthy.sentCount() < 30
                    || ingest.metrics("missing").reconnectCount() < 2
                    || ingest.metrics("unreachable").reconnectCount() < 2
                    || ingest.metrics("corrupt").reconnectCount() < 2)) {
                Thread.sleep(100);
            }
            assertEquals(30, healthy.sentCount(), "healthy camera's frames");
            for (String id : List.of("missing", "unreachable", "corrupt")) {
                CameraMetrics m = ingest.metrics(id);
                assertTrue(m.sourceErrorCount() >= 2, id + " should fail and be retried");
                assertTrue(m.reconnectCount() >= 2, id + " should be retried with backoff");
                assertNotNull(m.lastError(), id + " should report its error");
                assertTrue(m.lastError().contains("camera " + id), id + ": error names the camera: " + m.lastError());
                assertEquals(0, m.grabbedCount());
            }
            assertTrue(ingest.metrics("missing").lastError().contains("does not exist"),
                    ingest.metrics("missing").lastError());
        }
        List<ConsumerRecord<String, byte[]>> records = FrameConsumer.readUntil(broker.bootstrapServers(), topic,
                Duration.ofSeconds(30), r -> r.size() >= 30);
        check(records, "healthy", 640, 360, 30, 0);
    }

    private static void awaitSent(CameraMetrics m, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (m.sentCount() + m.droppedCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Every record decodes to an image of the stated size, headers are complete, sequence has no gap. */
    static void check(List<ConsumerRecord<String, byte[]>> records, String camera, int width, int height,
                      int expected, int tolerance) throws Exception {
        assertNotNull(records, "no records for camera " + camera);
        assertTrue(Math.abs(records.size() - expected) <= tolerance,
                camera + ": " + records.size() + " frames, expected " + expected + " +- " + tolerance);
        long previousCapture = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            FrameHeaders.Frame headers = FrameHeaders.read(record.headers());
            assertEquals(camera, record.key());
            assertEquals(camera, headers.cameraId());
            assertEquals(i, headers.sequence(), camera + ": frames in order, none missing");
            assertEquals(FrameHeaders.JPEG, headers.contentType());
            assertEquals(width, headers.width());
            assertEquals(height, headers.height());
            assertTrue(headers.captureTimeMs() >= previousCapture, "capture time never goes back");
            assertTrue(Math.abs(headers.captureTimeMs() - System.currentTimeMillis()) < 600_000, "capture time is epoch ms");
            previousCapture = headers.captureTimeMs();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(record.value()));
            assertNotNull(image, camera + " frame " + i + " is not a decodable JPEG");
            assertEquals(width, image.getWidth());
            assertEquals(height, image.getHeight());
        }
    }
}
