package io.faceflow.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
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
 *
 * <p>{@link #startSaslSsl} starts one whose client listener is SASL_SSL with SCRAM-SHA-512 users,
 * as a secured production cluster is: the TLS key and certificate are made when it starts.
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
        KafkaClusterTestKit cluster = startCluster(SecurityProtocol.PLAINTEXT, Map.of());
        return new KafkaBroker(cluster, cluster.bootstrapServers());
    }

    /**
     * An in-JVM broker whose client listener takes only SASL_SSL, with the SCRAM-SHA-512 user
     * {@code user} (password {@code password}) allowed everything; clients need
     * {@link #scramClientConfig} to reach it.
     */
    public static KafkaBroker startSaslSsl(String user, String password) {
        KafkaClusterTestKit cluster = startCluster(SecurityProtocol.SASL_SSL, Map.of(
                // PLAIN stays for the test kit's own admin (creating the SCRAM user); clients use SCRAM.
                "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "super.users", "User:" + JaasUtils.KAFKA_PLAIN_ADMIN + ";User:" + user));
        KafkaBroker broker = new KafkaBroker(cluster, cluster.bootstrapServers());
        try (Admin admin = Admin.create(broker.plainAdminConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
            awaitScramLogin(broker, user, password);
            return broker;
        } catch (Exception e) {
            broker.close();
            throw new IllegalStateException("could not create the SCRAM user on the SASL_SSL test broker: " + e, e);
        }
    }

    /** The credential reaches the broker's cache with a metadata update shortly after it is written. */
    private static void awaitScramLogin(KafkaBroker broker, String user, String password) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.scramClientConfig(user, password));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Admin client = Admin.create(config)) {
                client.describeCluster().nodes().get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * What a client of {@link #startSaslSsl} sets: SASL_SSL, SCRAM-SHA-512 as {@code user}, and a
     * trust store holding the broker's certificate; bootstrap servers not included.
     */
    public Map<String, String> scramClientConfig(String user, String password) {
        Map<String, String> config = new HashMap<>(trustStore());
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return config;
    }

    private Map<String, Object> plainAdminConfig() {
        Map<String, Object> config = new HashMap<>(trustStore());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        return config;
    }

    private Map<String, String> trustStore() {
        Map<String, String> config = new HashMap<>();
        cluster.sslManager().createClientSslConfig().forEach((key, value) -> {
            if (key.startsWith("ssl.truststore.")) {
                config.put(key, value instanceof org.apache.kafka.common.config.types.Password p ? p.value()
                        : String.valueOf(value));
            }
        });
        return config;
    }

    private static KafkaClusterTestKit startCluster(SecurityProtocol clientProtocol, Map<String, String> extra) {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(clientProtocol)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    // Frames are up to a few MB; the default 1 MB limit is too small for 1080p JPEG/PNG.
                    .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024));
            extra.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
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
