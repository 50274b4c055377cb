package io.faceflow.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for tests: an in-JVM KRaft cluster (one broker, one controller), or the
 * external broker named by {@code KAFKA_BOOTSTRAP} when that is set.
 *
 * <p>The broker and controller run as separate nodes (not combined) so that the broker can be
 * stopped and started again on the same port while the controller keeps the metadata: that is
 * what an outage test needs. Under {@code CI=true} an external broker that cannot be reached is
 * a failure, never a skip.
 */
public final class KafkaBroker implements AutoCloseable {
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP";
    private static final int BROKER_ID = 0;

    private final KafkaClusterTestKit cluster;
    private final String bootstrap;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(KafkaClusterTestKit cluster, String bootstrap) {
        this.cluster = cluster;
        this.bootstrap = bootstrap;
    }

    /** Starts an in-JVM broker, or connects to {@code KAFKA_BOOTSTRAP} when set. */
    public static KafkaBroker start() {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            requireReachable(external);
            return new KafkaBroker(null, external);
        }
        return startInJvm();
    }

    /** Always starts an in-JVM broker (for tests that must stop and restart it). */
    public static KafkaBroker startInJvm() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    // Frames are up to a few MB; the default 1 MB limit is too small for 1080p JPEG/PNG.
                    .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024))
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster, cluster.bootstrapServers());
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("could not start the in-JVM Kafka broker: " + e, e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** True for the in-JVM broker, which can be stopped and restarted. */
    public boolean canRestart() {
        return cluster != null;
    }

    /** Stops the broker (the controller stays up); clients see it gone until {@link #restartBroker()}. */
    public void stopBroker() {
        requireInJvm();
        BrokerServer broker = cluster.brokers().get(BROKER_ID);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts the stopped broker again on the same port and waits until it serves requests. */
    public void restartBroker() {
        requireInJvm();
        try {
            cluster.restartBroker(BROKER_ID, Map.of());
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the in-JVM Kafka broker: " + e, e);
        }
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the in-JVM Kafka broker: " + e, e);
        }
    }

    private void requireInJvm() {
        if (cluster == null) {
            throw new UnsupportedOperationException(
                    "the broker at " + bootstrap + " comes from " + BOOTSTRAP_ENV + " and cannot be stopped by a test");
        }
    }

    private static void requireReachable(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            admin.describeCluster().nodes().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            TestResources.require(false, "Kafka broker " + BOOTSTRAP_ENV + "=" + bootstrap + " (" + e + ")");
        }
    }
}
