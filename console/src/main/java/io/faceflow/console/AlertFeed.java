package io.faceflow.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live alerts: reads {@code faceflow.matches} from its end (no consumer group: every console
 * sees every alert, and none commits offsets) and pushes each alert to every open page as a
 * Server-Sent Event. Only committed alerts are read, so an alert of an aborted stream transaction
 * never shows. The last {@value #RECENT} alerts are kept for pages that open later.
 */
final class AlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    static final int RECENT = 100;
    /** A comment this often keeps idle connections (and the proxies between) from timing out. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** What the status line says about one camera, from its alerts. */
    record CameraAlerts(String cameraId, long alerts, long lastAlertMs, long lastCaptureMs) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final ObjectMapper json;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Deque<AlertView> recent = new ArrayDeque<>();
    /** The recent alerts as they came, for corrections: the view's thumbnail is a data: URI. */
    private final Map<String, MatchAlert> recentAlerts = new HashMap<>();
    private final Map<String, CameraAlerts> cameras = new TreeMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile boolean following;

    AlertFeed(Properties kafka, ObjectMapper json) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.json = json;
        this.poller = Thread.ofPlatform().name("console-alert-feed").daemon().unstarted(this::run);
        poller.start();
    }

    /** Keeps {@code client} open, sends it the recent alerts, then every new one. */
    synchronized void subscribe(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        recent.forEach(alert -> client.sendEvent("alert", json(alert)));
        clients.add(client);
    }

    /** One of the recent alerts, by id; empty once it is older than the last {@value #RECENT}. */
    synchronized Optional<MatchAlert> recent(String alertId) {
        return Optional.ofNullable(recentAlerts.get(alertId));
    }

    /** True once the feed is positioned on the topic: every alert from now on will be shown. */
    boolean following() {
        return following;
    }

    synchronized List<CameraAlerts> cameras() {
        return new ArrayList<>(cameras.values());
    }

    /**
     * Drops a forgotten person's alerts from the recent ones and from every open page. The records
     * on {@code faceflow.matches} itself go with the topic's retention.
     */
    synchronized void forget(String identityId) {
        recent.removeIf(alert -> alert.identityId().equals(identityId));
        recentAlerts.values().removeIf(alert -> alert.identityId().equals(identityId));
        String event = json(Map.of("identityId", identityId));
        clients.forEach(client -> client.sendEvent("forget", event));
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = partitions();
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            following = true;
            LOG.info("console follows {} from its end ({} partition(s))", Topics.MATCHES, partitions.size());
            long nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    publish(r);
                }
                if (System.nanoTime() > nextHeartbeat) {
                    heartbeat();
                    nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
                }
            }
        } catch (WakeupException e) {
            // close() ends the loop.
        } catch (RuntimeException e) {
            LOG.error("the console's alert feed stopped: {}; restart the console to see live alerts again",
                    e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    /** The topic's partitions, waiting a little while it does not exist yet (the stream creates it). */
    private List<TopicPartition> partitions() {
        var infos = consumer.partitionsFor(Topics.MATCHES, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            return List.of();
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private synchronized void heartbeat() {
        clients.removeIf(SseClient::terminated);
        clients.forEach(client -> client.sendComment("heartbeat"));
    }

    private void publish(ConsumerRecord<String, byte[]> r) {
        long now = System.currentTimeMillis();
        MatchAlert alert;
        try {
            alert = Messages.fromJson(r.value(), MatchAlert.class);
        } catch (RuntimeException e) {
            LOG.warn("skipped a record at {}-{} offset {} that is not a match alert: {}", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            return;
        }
        AlertView view = AlertView.of(alert, now);
        String event = json(view);
        synchronized (this) {
            recent.addLast(view);
            recentAlerts.put(alert.alertId(), alert);
            if (recent.size() > RECENT) {
                recentAlerts.remove(recent.removeFirst().alertId());
            }
            cameras.merge(alert.cameraId(), new CameraAlerts(alert.cameraId(), 1, now, alert.captureTimeMs()),
                    (old, one) -> new CameraAlerts(old.cameraId(), old.alerts() + 1, now,
                            Math.max(old.lastCaptureMs(), one.lastCaptureMs())));
            for (SseClient client : clients) {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    client.sendEvent("alert", event);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.forEach(SseClient::close);
    }
}
