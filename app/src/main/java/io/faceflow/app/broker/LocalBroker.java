package io.faceflow.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker for one machine: Kafka's own KRaft server (broker and controller in
 * one process), its data in a local folder, listening on loopback. What {@code faceflow broker}
 * runs and what the demo starts as a child process.
 *
 * @param dataDir where the log segments and the KRaft metadata live; kept between runs
 * @param port    the client port (the controller takes {@code port + 1})
 */
public record LocalBroker(Path dataDir, int port) {
    public LocalBroker {
        if (port < 1 || port > 65534) {
            throw new IllegalArgumentException("broker port must be 1..65534 (the controller takes port + 1), got " + port);
        }
        dataDir = dataDir.toAbsolutePath();
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** True when the folder already holds a formatted broker (a second run reuses it). */
    public boolean formatted() {
        return Files.isRegularFile(dataDir.resolve("logs").resolve("meta.properties"));
    }

    /** Writes server.properties and formats the storage on the first run; returns the properties file. */
    public Path prepare() {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                serverProperties().store(w, "written by faceflow broker; rewritten at every start");
            }
            if (!formatted()) {
                format(config);
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the broker in this process until the JVM is asked to stop (Ctrl-C, SIGTERM), which
     * shuts it down cleanly so the next start need not recover its logs.
     *
     * @param ready told once the broker takes clients
     */
    public void runUntilStopped(Runnable ready) {
        requireFreePort(port);
        requireFreePort(port + 1);
        prepare();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(serverProperties(), false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "faceflow-broker-stop"));
        server.startup();
        ready.run();
        server.awaitShutdown();
    }

    private static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "): is a"
                    + " broker already running there? Use it, stop it, or pick another --port (the broker takes"
                    + " PORT and PORT+1)");
        }
    }

    Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + (port + 1));
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1));
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        // One node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Frames are JPEGs; 1080p at high quality stays well below this (as in compose.yaml).
        p.setProperty("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = kafka.tools.StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", config.toString()}, print);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting the broker storage in " + dataDir + " failed: "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
