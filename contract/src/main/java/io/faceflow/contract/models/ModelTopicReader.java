package io.faceflow.contract.models;

import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one reader of the {@code faceflow.models} protocol (see {@link ModelAnnouncement}): folds the
 * topic's records, in order, into what it says now, the version announced live and where each
 * version's bundle lives. A stream's model watcher feeds it as records arrive; the console reads the
 * topic to its end once ({@link #readAll}).
 */
public final class ModelTopicReader {
    private final Map<String, String> bundles = new HashMap<>();
    private String liveVersion;

    /**
     * Takes the next record of the topic.
     *
     * @return the announcement when the record names the live version; null for any other record
     * @throws java.io.UncheckedIOException when the value is not an announcement
     */
    public ModelAnnouncement accept(String key, byte[] value) {
        if (key == null || value == null) {
            return null;
        }
        ModelAnnouncement a = Messages.fromJson(value, ModelAnnouncement.class);
        if (key.equals(ModelAnnouncement.LIVE_KEY)) {
            liveVersion = a.modelVersion();
            return a;
        }
        if (key.startsWith(ModelAnnouncement.BUNDLE_KEY_PREFIX) && a.bundle() != null) {
            bundles.put(a.modelVersion(), a.bundle());
        }
        return null;
    }

    /** Where the bundle of a live announcement lives: the one it names, else the last one announced for its version; null when unknown. */
    public String bundleOf(ModelAnnouncement live) {
        return live.bundle() != null ? live.bundle() : bundles.get(live.modelVersion());
    }

    /** The version announced live; null when none was. */
    public String liveVersion() {
        return liveVersion;
    }

    /** The bundle folder per model version, as the stream hosts see it. */
    public Map<String, String> bundles() {
        return Map.copyOf(bundles);
    }

    /**
     * A consumer of the whole topic from its beginning, without a consumer group (every reader sees
     * every record); assigned to no partition when the topic does not exist.
     */
    public static KafkaConsumer<String, byte[]> fromStart(Properties kafka, Duration limit) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        var infos = c.partitionsFor(Topics.MODELS, limit);
        List<TopicPartition> partitions = infos == null ? List.of()
                : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    /** What the topic says now: reads it from its beginning to its current end (a handful of records). */
    public static ModelTopicReader readAll(Properties kafka, Duration limit) {
        ModelTopicReader reader = new ModelTopicReader();
        try (KafkaConsumer<String, byte[]> c = fromStart(kafka, limit)) {
            var partitions = c.assignment();
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + limit.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + Topics.MODELS + " took longer than " + limit
                            + ": is the broker at " + kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + " overloaded?");
                }
                for (var r : c.poll(Duration.ofMillis(200))) {
                    reader.accept(r.key(), r.value());
                }
            }
        }
        return reader;
    }
}
