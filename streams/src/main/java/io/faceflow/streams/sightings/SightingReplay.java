package io.faceflow.streams.sightings;

import io.faceflow.contract.topic.Topics;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Re-creates the sighting store from {@code faceflow.sightings}: every committed sighting still on
 * the topic, from its start to where it ended when the replay began, through the same writer as the
 * live sink (so forgotten people and sightings past retention stay out). Joins no group and
 * commits nothing: the running sink is not disturbed, and both write idempotently.
 */
public final class SightingReplay {
    private static final Duration POLL = Duration.ofMillis(500);

    private SightingReplay() {}

    /** What the replay read and what the writer did with it. */
    public record Report(long read, long unreadable, SightingWriter.Written written) {}

    /** The number of records (transaction markers included) the replay will go through: a progress bar's end. */
    public static long size(Properties kafka) {
        try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
            List<TopicPartition> partitions = partitions(c);
            Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            return partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    /**
     * Replays in batches of {@code batch}; {@code progress} hears how far the replay is (in offsets,
     * as {@link #size} counts them).
     */
    public static Report replay(Properties kafka, SightingWriter writer, int batch, LongConsumer progress) {
        try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long read = 0;
            long unreadable = 0;
            SightingWriter.Written written = new SightingWriter.Written(0, 0, 0);
            List<SightingEvent> pending = new ArrayList<>(batch);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    read++;
                    try {
                        pending.add(Messages.fromJson(r.value(), SightingEvent.class));
                    } catch (RuntimeException e) {
                        unreadable++;
                    }
                    if (pending.size() >= batch) {
                        written = written.plus(writer.write(pending));
                        pending.clear();
                    }
                }
                progress.accept(partitions.stream().mapToLong(tp -> Math.min(c.position(tp), end.get(tp))
                        - begin.get(tp)).sum());
            }
            if (!pending.isEmpty()) {
                written = written.plus(writer.write(pending));
            }
            return new Report(read, unreadable, written);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(Properties kafka) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        var infos = c.partitionsFor(Topics.SIGHTINGS, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("no topic " + Topics.SIGHTINGS + " on the broker: nothing to rebuild the"
                    + " sighting store from (has the stream processor ever run against this Kafka?)");
        }
        return infos.stream().map(i -> new TopicPartition(Topics.SIGHTINGS, i.partition())).toList();
    }
}
