package io.faceflow.console;

import io.faceflow.core.message.Topics;
import io.faceflow.streams.message.Messages;
import io.faceflow.streams.message.ModelAnnouncement;
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
 * What {@code faceflow.models} says now: the latest record per key, read from the start of the
 * compacted topic (a handful of records). It tells where each version's bundle lives and which
 * version the stream processors were told to serve.
 *
 * @param live the version announced live; null when none was
 * @param bundles bundle folder per model version, as the stream hosts see it
 */
record ModelAnnouncements(String live, Map<String, String> bundles) {
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    static ModelAnnouncements read(Properties kafka) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String live = null;
        Map<String, String> bundles = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var infos = c.partitionsFor(Topics.MODELS, READ_LIMIT);
            if (infos == null || infos.isEmpty()) {
                return new ModelAnnouncements(null, Map.of());
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + Topics.MODELS + " took longer than " + READ_LIMIT
                            + ": is the broker at " + kafka.get("bootstrap.servers") + " overloaded?");
                }
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null || r.key() == null) {
                        continue;
                    }
                    ModelAnnouncement a = Messages.fromJson(r.value(), ModelAnnouncement.class);
                    if (r.key().equals(ModelAnnouncement.LIVE_KEY)) {
                        live = a.modelVersion();
                    } else if (r.key().startsWith(ModelAnnouncement.BUNDLE_KEY_PREFIX) && a.bundle() != null) {
                        bundles.put(a.modelVersion(), a.bundle());
                    }
                }
            }
        }
        return new ModelAnnouncements(live, Map.copyOf(bundles));
    }
}
