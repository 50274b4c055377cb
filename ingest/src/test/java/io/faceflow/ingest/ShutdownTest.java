package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.ingest.metrics.DropReason;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no broker at all, frames are dropped and counted, and shutdown still returns within its bound. */
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void noBrokerMeansCountedDropsAndABoundedShutdown() throws Exception {
        Path video = VideoFixtures.generate(dir.resolve("v.mp4"), 320, 240, 25, 25);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        IngestConfig config = new IngestConfig("127.0.0.1:" + closedPort, null, -1, null, null, null, null, null,
                2.0, null, null, Map.of(), List.of(CameraConfig.of("cam", video.toString(), 0).withPlayback(true, true)));
        Ingest ingest = Ingest.start(config);
        CameraMetrics cam = ingest.metrics("cam");
        Thread.sleep(3_000);
        assertTrue(cam.grabbedCount() > 30, "the camera keeps grabbing without a broker: " + cam.grabbedCount());
        assertTrue(cam.droppedCount() > 0, "unsendable frames are counted as dropped");
        assertTrue(cam.sentCount() == 0);
        long start = System.nanoTime();
        ingest.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 2.0 + 1.0, "close() took " + seconds + " s, bound is 2 s");
    }

    @Test
    void framesLargerThanTheMessageLimitAreRefusedAndCounted() throws Exception {
        Path video = VideoFixtures.generate(dir.resolve("big.mp4"), 320, 240, 25, 10);
        IngestConfig config = new IngestConfig("127.0.0.1:1", null, -1, null, null, null, null, null,
                2.0, null, 2_000, Map.of(), List.of(CameraConfig.of("cam", video.toString(), 0).withPlayback(false, false)));
        try (Ingest ingest = Ingest.start(config)) {
            assertTrue(ingest.awaitAllEnded(java.time.Duration.ofSeconds(20)));
            CameraMetrics cam = ingest.metrics("cam");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (cam.droppedCount(DropReason.TOO_LARGE) < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(10, cam.droppedCount(DropReason.TOO_LARGE), "every frame is over 2000 bytes");
            assertEquals(0, cam.sentCount());
        }
    }
}
