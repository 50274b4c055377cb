package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faceflow.ingest.publish.BrokerProbe;
import io.faceflow.testkit.KafkaBroker;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerProbeTest {
    @Test
    void tellsAnUnreachableBrokerFromAReachableOneWithinSeconds() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (BrokerProbe nowhere = new BrokerProbe(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort,
                "max.block.ms", 2000), Duration.ofSeconds(1))) {
            assertEquals(Boolean.FALSE, await(nowhere, Duration.ofSeconds(10)), "nothing listens on " + closedPort);
        }
        try (KafkaBroker broker = KafkaBroker.start();
                BrokerProbe probe = new BrokerProbe(Map.of("bootstrap.servers", broker.bootstrapServers()),
                        Duration.ofSeconds(1))) {
            assertEquals(Boolean.TRUE, await(probe, Duration.ofSeconds(10)));
        }
    }

    private static Boolean await(BrokerProbe probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (probe.reachable() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return probe.reachable();
    }
}
