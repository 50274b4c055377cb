package io.faceflow.app.alerts;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code faceflow.matches} without a consumer group: every partition assigned, from the end
 * (only new alerts) or from the beginning. No group means no committed offsets to leave behind and
 * no rebalance to wait for, which suits a terminal or a test. Committed alerts only: the stream
 * writes them in transactions.
 */
public final class AlertTail implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    public AlertTail(String bootstrap, Map<String, Object> clientSettings, boolean fromBeginning) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            for (PartitionInfo info : consumer.partitionsFor(Topics.MATCHES, CONNECT_TIMEOUT)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        } catch (TimeoutException e) {
            consumer.close();
            throw new IllegalStateException("no answer from a Kafka broker at " + bootstrap + " within "
                    + CONNECT_TIMEOUT.toSeconds() + " s: check the address and that the broker is up");
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the broker at " + bootstrap + " has no topic " + Topics.MATCHES
                    + ": start the stream processor (`faceflow streams`), which creates it");
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix "the end" now, not at the first poll
        }
    }

    /** An alert as read: parsed, its JSON as on the topic, and when this reader received it. */
    public record Received(MatchAlert alert, byte[] json, long seenAtMs) {}

    /** Polls until {@link #stop()}. */
    public void run(Consumer<Received> onAlert, BiConsumer<ConsumerRecord<String, byte[]>, Exception> onBad) {
        while (running) {
            ConsumerRecords<String, byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(200));
            } catch (WakeupException e) {
                return; // stop() was called
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                long seen = System.currentTimeMillis();
                MatchAlert alert;
                try {
                    alert = Messages.fromJson(record.value(), MatchAlert.class);
                } catch (RuntimeException e) {
                    onBad.accept(record, e);
                    continue;
                }
                onAlert.accept(new Received(alert, record.value(), seen));
            }
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
