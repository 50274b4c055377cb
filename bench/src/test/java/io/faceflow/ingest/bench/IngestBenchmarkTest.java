package io.faceflow.ingest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the benchmark on the real 1080p clip against a real broker and prints the figures (no timing asserts). */
class IngestBenchmarkTest {
    @Test
    void benchmarkRunsAndReports() throws Exception {
        Path video = TestResources.videos().resolve("pedestrians_1080p.mp4");
        TestResources.require(Files.isRegularFile(video), video.toString());
        try (KafkaBroker broker = KafkaBroker.start()) {
            BenchResult result = IngestBenchmark.run(new BenchOptions(video, 720, 85, 150, broker.bootstrapServers(), 8, 0, java.util.Map.of()));
            System.out.println(result.summary());
            assertEquals(1920, result.inWidth());
            assertEquals(1280, result.outWidth());
            assertEquals(720, result.outHeight());
            assertTrue(result.pipelineFps() > 0);
            assertTrue(result.e2eSent() > 0, "frames reached the broker");
        }
    }
}
