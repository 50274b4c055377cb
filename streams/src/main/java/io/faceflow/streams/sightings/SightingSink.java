package io.faceflow.streams.sightings;

import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.contract.topic.Topics;
import io.faceflow.streams.feed.StoreFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the sighting store from {@code faceflow.sightings} through a {@link StoreFeed}: committed
 * records only, in batches, offsets committed after the store: a crash replays the batch, which
 * the idempotent write stores once.
 */
public final class SightingSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SightingSink.class);

    private final SightingWriter writer;
    private final Clock clock;
    private final Counter stored;
    private final Counter dropped;
    private final Counter failures;
    private final Timer searchableLag;
    private final StoreFeed feed;

    public SightingSink(Properties kafka, SightingWriter writer, SightingSinkSettings settings, MeterRegistry registry,
            Clock clock) {
        this.writer = writer;
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
        this.feed = new StoreFeed(kafka, new StoreFeed.Settings("sighting-sink", Topics.SIGHTINGS, settings.groupId(),
                settings.batchRecords(), settings.batchWait()), new StoreFeed.Writer() {
                    @Override
                    public void write(List<ConsumerRecord<String, byte[]>> batch) {
                        store(batch);
                    }

                    @Override
                    public void failed(int records, RuntimeException e) {
                        failures.increment();
                        LOG.warn("storing {} sighting(s) failed ({}); they stay on {} and are retried", records,
                                e.getMessage(), Topics.SIGHTINGS);
                    }
                }, clock);
    }

    private void store(List<ConsumerRecord<String, byte[]>> batch) {
        List<SightingEvent> events = new ArrayList<>(batch.size());
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> r : batch) {
            try {
                events.add(Messages.fromJson(r.value(), SightingEvent.class));
            } catch (RuntimeException e) {
                // Only faceflow writes this topic; a record that does not parse would block the sink for good.
                LOG.error("skipping an unreadable sighting at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
                unreadable++;
            }
        }
        SightingWriter.Written written = writer.write(events);
        long now = clock.millis();
        events.forEach(e -> searchableLag.record(Duration.ofMillis(Math.max(0, now - e.captureTimeMs()))));
        stored.increment(written.stored());
        dropped.increment(unreadable + written.forgotten() + written.expired());
    }

    /** Stops reading, stores and commits what was read, and leaves the group; bounded. */
    @Override
    public void close() {
        feed.close();
    }
}
