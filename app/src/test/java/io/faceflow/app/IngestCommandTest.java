package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.testkit.TestResources;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** `faceflow ingest` tried as a new user would. */
class IngestCommandTest {
    @Test
    void aBrokerNobodyListensOnIsNamedAndARunThatDeliveredNothingFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String video = TestResources.videos().resolve("pedestrians_1080p.mp4").toString();
        CommandLineTest.Run run = CommandLineTest.run("ingest", "--camera", "c1", "--url", video, "--bootstrap",
                "127.0.0.1:" + closedPort, "--metrics-port", "-1", "--max-height", "360");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("no frame was delivered to Kafka at 127.0.0.1:" + closedPort), run.err());
    }
}
