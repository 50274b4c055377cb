package io.faceflow.ingest.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, within seconds and in one line, when the Kafka broker cannot be reached and
 * when it is back. The producer alone would only drop frames (counted in the summary) while the
 * Kafka client's own connection warnings never name the remedy.
 */
public final class BrokerProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrap;
    private final Admin admin;
    private final ScheduledExecutorService timer;
    private volatile Boolean reachable;

    /**
     * @param clientProperties the producer's properties; the connection and security ones are reused
     * @param every            how often to check
     */
    public BrokerProbe(Map<String, Object> clientProperties, Duration every) {
        this.bootstrap = String.valueOf(clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> props = new HashMap<>();
        clientProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "faceflow-ingest-probe");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
        this.admin = Admin.create(props);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-broker-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True or false once the first check has answered; null before. */
    public Boolean reachable() {
        return reachable;
    }

    private void check() {
        String problem = null;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ANSWER_TIMEOUT.toMillis()))
                    .clusterId().get(ANSWER_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            problem = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            problem = "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean ok = problem == null;
        Boolean before = reachable;
        reachable = ok;
        if (!ok && !Boolean.FALSE.equals(before)) {
            LOG.warn("cannot reach the Kafka broker at {} ({}); frames are dropped and counted while ingest keeps"
                    + " retrying. Check --bootstrap, that the broker is up and that this host may connect to it.",
                    bootstrap, problem);
        } else if (ok && Boolean.FALSE.equals(before)) {
            LOG.info("the Kafka broker at {} is reachable again", bootstrap);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
