package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.testkit.KafkaBroker;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * An HTTP MJPEG camera that goes silent with the connection still open: ingest notices the stall,
 * reopens the stream with backoff, and frames flow again.
 */
class MjpegStallTest {
    @Test
    void aStalledHttpMjpegCameraIsReopened() throws Exception {
        byte[] jpeg = jpeg(320, 240);
        AtomicInteger connections = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mjpeg-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/cam.mjpg", exchange -> {
            int connection = connections.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; connection > 1 || i < 20; i++) {
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
                Thread.sleep(60_000); // the first connection stalls: open, silent
            } catch (IOException | InterruptedException closedByClient) {
                // the client gave up on us, as it should
            }
        });
        server.start();
        try (KafkaBroker broker = KafkaBroker.start()) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cam.mjpg";
            CameraConfig camera = new CameraConfig("mjpeg", url, 0.0, true, 0, 0, 80, true, false, "mpjpeg", null);
            IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(camera))
                    .withTopic("frames-mjpeg").withMetricsPort(-1).withTimings(2, 100, 400, 60);
            try (Ingest ingest = Ingest.start(config)) {
                CameraMetrics m = ingest.metrics("mjpeg");
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (System.nanoTime() < deadline && (m.reconnectCount() < 1 || m.sentCount() < 30)) {
                    Thread.sleep(100);
                }
                assertTrue(m.reconnectCount() >= 1, "the stalled stream is reopened");
                assertNotNull(m.lastError());
                assertTrue(m.sentCount() >= 30, "frames flow again after reopening: " + m.sentCount());
                assertTrue(connections.get() >= 2);
                assertTrue(m.lastError().contains("stalled"), m.lastError());
                System.out.println("stall detected with: " + m.lastError());
            }
        } finally {
            server.stop(0);
        }
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
