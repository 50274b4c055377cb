package io.faceflow.streams.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a store from a topic on a thread of its own, so no stream thread waits for the store.
 * Reads committed records only (what an aborted transaction wrote never reaches the store), hands
 * them over in batches, and commits its offsets only after the store has taken the batch: a crash
 * replays the batch, so the store's writes must be idempotent.
 */
public final class StoreFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);

    /** Where a feed reads, as whom, and how it batches. */
    public record Settings(String name, String topic, String groupId, int batchRecords, Duration batchWait) {}

    /** The store's side of a feed. */
    public interface Writer {
        /** Stores the batch durably before returning, or throws: the batch is kept and retried. */
        void write(List<ConsumerRecord<String, byte[]>> batch);

        /** A write threw; the batch is retried after a pause. */
        void failed(int records, RuntimeException e);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Settings settings;
    private final Writer writer;
    private final Clock clock;
    private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long batchStartMs;

    public StoreFeed(Properties kafka, Settings settings, Writer writer, Clock clock) {
        this.consumer = new KafkaConsumer<>(consumerProperties(kafka, settings), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.settings = settings;
        this.writer = writer;
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("faceflow-" + settings.name()).unstarted(this::run);
        thread.start();
    }

    static Properties consumerProperties(Properties kafka, Settings settings) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchRecords());
        return p;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // The next owner starts from the committed offsets: store what is held now, or leave it to them.
                    if (!flushOnce()) {
                        batch.clear();
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
            });
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (batch.isEmpty()) {
                        batchStartMs = clock.millis();
                    }
                    batch.add(r);
                }
                if (batch.isEmpty()) {
                    commitSkippedMarkers();
                } else if (batch.size() >= settings.batchRecords()
                        || clock.millis() - batchStartMs >= settings.batchWait().toMillis()) {
                    flushUntilStored();
                }
            }
        } catch (WakeupException e) {
            // close(): store what was read, below
        } catch (RuntimeException e) {
            LOG.error("the {} stopped: {}; records stay on {} and are stored from the last commit at the next start",
                    settings.name(), e.toString(), settings.topic(), e);
        } finally {
            flushOnce();
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Retries a failed batch with a growing pause until it is stored or the feed is closed; reads nothing new meanwhile. */
    private void flushUntilStored() {
        Duration backoff = Duration.ofMillis(200);
        while (!flushOnce()) {
            consumer.pause(consumer.assignment());
            try {
                consumer.poll(backoff); // keeps the group membership; a revocation empties the batch
            } finally {
                consumer.resume(consumer.paused());
            }
            if (batch.isEmpty() || !running.get()) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Writes the batch and commits its offsets; false (batch kept) when the store or the commit failed. */
    private boolean flushOnce() {
        if (batch.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        try {
            writer.write(List.copyOf(batch));
            consumer.commitSync(offsets);
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
            batch.clear();
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            writer.failed(batch.size(), e);
            return false;
        }
    }

    /**
     * With nothing pending, the position can still move past transaction markers (each of the
     * stream's commits leaves one after its records); committing it keeps the group's lag at zero
     * when the store holds everything, so lag alerts mean what they say.
     */
    private void commitSkippedMarkers() {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            Long last = committed.get(tp);
            if (last == null || position > last) {
                moved.put(tp, new OffsetAndMetadata(position));
            }
        }
        if (!moved.isEmpty()) {
            consumer.commitSync(moved);
            moved.forEach((tp, o) -> committed.put(tp, o.offset()));
        }
    }

    /** Stops reading, stores and commits what was read, and leaves the group; bounded. */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(CLOSE_BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("the {} did not stop within {} s; what it had not committed is stored again at the next start",
                    settings.name(), CLOSE_BOUND.toSeconds());
        }
    }
}
