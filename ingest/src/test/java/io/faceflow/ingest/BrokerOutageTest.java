package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker goes away mid-stream and comes back: ingest carries on by itself, without a restart. */
class BrokerOutageTest {
    @TempDir
    Path dir;

    @Test
    void ingestRecoversAfterTheBrokerRestarts() throws Exception {
        Path video = VideoFixtures.generate(dir.resolve("loop.mp4"), 320, 240, 25, 50);
        // Always in-JVM: an external broker cannot be stopped by the test.
        try (KafkaBroker broker = KafkaBroker.startInJvm()) {
            String topic = "frames-outage";
            IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(
                            CameraConfig.of("cam", video.toString(), 10).withPlayback(true, true)))
                    .withTopic(topic).withMetricsPort(-1);
            long sentBeforeOutage;
            long sentAfterRecovery;
            long droppedDuringOutage;
            long startNanos = System.nanoTime();
            try (Ingest ingest = Ingest.start(config)) {
                CameraMetrics cam = ingest.metrics("cam");
                await(() -> cam.sentCount() >= 10, Duration.ofSeconds(30), "frames before the outage");

                broker.stopBroker();
                sentBeforeOutage = cam.sentCount();
                Thread.sleep(4_000);
                // While the broker is gone the camera keeps grabbing; what cannot be sent is dropped and counted.
                assertTrue(cam.grabbedCount() > sentBeforeOutage + 20, "grabbing goes on during the outage");
                droppedDuringOutage = cam.droppedCount();
                assertTrue(droppedDuringOutage > 0, "frames are dropped and counted while the broker is gone");

                broker.restartBroker();
                long sentAtRestart = cam.sentCount();
                await(() -> cam.sentCount() >= sentAtRestart + 20, Duration.ofSeconds(60), "frames after the restart");
                sentAfterRecovery = cam.sentCount();
            }
            System.out.printf("outage test: sent %d before, %d in total, %d dropped during the outage, %.1f s%n",
                    sentBeforeOutage, sentAfterRecovery, droppedDuringOutage, (System.nanoTime() - startNanos) / 1e9);

            List<ConsumerRecord<String, byte[]>> records = FrameConsumer.readUntil(broker.bootstrapServers(), topic,
                    Duration.ofSeconds(30), r -> r.size() >= sentAfterRecovery);
            assertTrue(records.size() >= sentAfterRecovery, records.size() + " records, " + sentAfterRecovery + " acked");
            Set<Long> seen = new HashSet<>();
            long previous = -1;
            for (ConsumerRecord<String, byte[]> record : records) {
                long seq = FrameHeaders.read(record.headers()).sequence();
                assertTrue(seq > previous, "sequence increases (gaps are the dropped frames): " + previous + " then " + seq);
                assertTrue(seen.add(seq), "no duplicate after retries");
                previous = seq;
            }
            assertEquals(records.size(), seen.size());
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
