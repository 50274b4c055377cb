package io.faceflow.streams.sightings;

import io.faceflow.contract.topic.Topics;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * Fills the sighting store from {@code faceflow.sightings} on a thread of its own, so no stream
 * thread waits for the store's commit. Reads committed records only (what an aborted transaction
 * wrote never reaches the store), writes them in batches, and commits its offsets only after the
 * store has committed the batch: a crash replays the batch, which the idempotent write stores once.
 */
public final class SightingSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SightingSink.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final SightingWriter writer;
    private final SightingSinkSettings settings;
    private final Clock clock;
    private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Counter stored;
    private final Counter dropped;
    private final Counter failures;
    private final Timer searchableLag;
    private long batchStartMs;

    public SightingSink(Properties kafka, SightingWriter writer, SightingSinkSettings settings, MeterRegistry registry,
            Clock clock) {
        this.consumer = new KafkaConsumer<>(consumerProperties(kafka, settings), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.stored = Counter.builder("faceflow.sightings.stored").description("sightings written to the store")
                .register(registry);
        this.dropped = Counter.builder("faceflow.sightings.dropped")
                .description("sightings not stored: their person was forgotten, or past retention").register(registry);
        this.failures = Counter.builder("faceflow.sightings.store.failures")
                .description("batches the store refused, each retried").register(registry);
        this.searchableLag = Timer.builder("faceflow.sightings.searchable.lag")
                .description("from a face's capture to its sighting being searchable")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.thread = Thread.ofPlatform().daemon().name("faceflow-sighting-sink").unstarted(this::run);
        thread.start();
    }

    static Properties consumerProperties(Properties kafka, SightingSinkSettings settings) {
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
            consumer.subscribe(List.of(Topics.SIGHTINGS), new ConsumerRebalanceListener() {
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
            LOG.error("the sighting sink stopped: {}; sightings stay on {} and are stored from the last commit at"
                    + " the next start (or run `faceflow sightings rebuild`)", e.toString(), Topics.SIGHTINGS, e);
        } finally {
            flushOnce();
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Retries a failed batch with a growing pause until it is stored or the sink is closed; reads nothing new meanwhile. */
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
        List<SightingEvent> events = new ArrayList<>(batch.size());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            try {
                events.add(Messages.fromJson(r.value(), SightingEvent.class));
            } catch (RuntimeException e) {
                // Only faceflow writes this topic; a record that does not parse would block the sink for good.
                LOG.error("skipping an unreadable sighting at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
                dropped.increment();
            }
        }
        try {
            SightingWriter.Written written = writer.write(events);
            consumer.commitSync(offsets);
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
            long now = clock.millis();
            events.forEach(e -> searchableLag.record(Duration.ofMillis(Math.max(0, now - e.captureTimeMs()))));
            stored.increment(written.stored());
            dropped.increment(written.forgotten() + written.expired());
            batch.clear();
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warn("storing {} sighting(s) failed ({}); they stay on {} and are retried", events.size(),
                    e.getMessage(), Topics.SIGHTINGS);
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
            LOG.error("the sighting sink did not stop within {} s; what it had not committed is stored again at the"
                    + " next start", CLOSE_BOUND.toSeconds());
        }
    }
}
