package io.faceflow.app.alerts;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds one alert on {@code faceflow.matches} by id: every partition is read from the first record
 * of the searched period (offsetsForTimes) up to its end as it was when the search began, so the
 * scan is bounded however busy the topic is. No consumer group, committed alerts only, as
 * {@link AlertTail}.
 */
public final class AlertFinder {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private AlertFinder() {}

    /**
     * The alert {@code alertId} among those written since {@code sinceMs} (epoch milliseconds, by
     * record time); empty when none is.
     */
    public static Optional<MatchAlert> find(Properties client, String alertId, long sinceMs) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String bootstrap = p.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(Topics.MATCHES, CONNECT_TIMEOUT).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            } catch (TimeoutException e) {
                throw new IllegalStateException("no answer from a Kafka broker at " + bootstrap + " within "
                        + CONNECT_TIMEOUT.toSeconds() + " s: check the address and that the broker is up");
            }
            if (partitions.isEmpty()) {
                throw new IllegalStateException("the broker at " + bootstrap + " has no topic " + Topics.MATCHES
                        + ": no alert was ever raised there");
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, sinceMs));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                // No record since then: nothing to read on this partition.
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!ends.isEmpty()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Optional<MatchAlert> alert = parse(r);
                    if (alert.isPresent() && alert.get().alertId().equals(alertId)) {
                        return alert;
                    }
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return Optional.empty();
        }
    }

    /** A record that is not an alert is passed over: the search is for one alert, not a check of the topic. */
    private static Optional<MatchAlert> parse(ConsumerRecord<String, byte[]> r) {
        try {
            return Optional.of(Messages.fromJson(r.value(), MatchAlert.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
