package io.faceflow.app.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessTest {
    @TempDir
    Path dir;

    @Test
    void theLocalBrokerRunsOnTheLeanJvmAndTakesClients() throws Exception {
        LocalBroker local = new LocalBroker(dir.resolve("broker"), freePortPair());
        try (BrokerProcess broker = BrokerProcess.start(local, dir.resolve("broker.log"), Duration.ofSeconds(90))) {
            // The command line as the OS holds it (ProcessHandle.Info leaves long ones out).
            List<String> arguments = List.of(Files.readString(Path.of("/proc", String.valueOf(broker.pid()), "cmdline"))
                    .split("\0"));
            // Last before the classpath, after this JVM's own flags: a parent's compiler or collector does not win.
            int classpath = arguments.indexOf("-cp");
            assertTrue(classpath >= BrokerProcess.LEAN_JVM.size(), "a java command line: " + arguments);
            assertEquals(BrokerProcess.LEAN_JVM, arguments.subList(classpath - BrokerProcess.LEAN_JVM.size(), classpath));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
                assertEquals(1, admin.describeCluster().nodes().get().size());
            }
            long pid = broker.pid();
            broker.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "closed, the broker is gone");
        }
    }

    /** A port whose next one is free too: the controller takes port + 1. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no two consecutive free ports on this machine");
    }
}
