package io.faceflow.streams.unknowns;

import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.streams.feed.StoreFeed;
import io.faceflow.streams.unknowns.UnknownClusterer.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clusters the unknown-track events of the unknown topic into candidates, in topic order, on a
 * {@link StoreFeed} of its own group: each event's candidate is saved before the next event is
 * read, and offsets are committed after the batch's saves, so a crash replays events the
 * clusterer recognises as counted.
 *
 * <p>One writer: the topic has a single partition, so the group gives it to one clusterer at a
 * time, and a candidate is never updated from two processors at once.
 */
public final class CandidateSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateSink.class);
    private static final int BATCH_RECORDS = 100;
    private static final Duration BATCH_WAIT = Duration.ofMillis(100);

    private final UnknownClusterer clusterer;
    private final GalleryCatalog catalog;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Counter unreadable;
    private final Counter failures;
    private final AtomicLong candidates = new AtomicLong();
    private final StoreFeed feed;

    public CandidateSink(Properties kafka, String topic, GalleryCatalog catalog, UnknownsSettings settings,
            MeterRegistry registry, Clock clock) {
        this.clusterer = new UnknownClusterer(catalog, settings);
        this.catalog = catalog;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("faceflow.unknowns.events").tag("outcome", o.name().toLowerCase())
                    .description("unknown-track events clustered, by what they did").register(registry));
        }
        this.unreadable = Counter.builder("faceflow.unknowns.unreadable")
                .description("records on the unknown topic that do not parse, skipped").register(registry);
        this.failures = Counter.builder("faceflow.unknowns.store.failures")
                .description("batches the candidate store refused, each retried").register(registry);
        Gauge.builder("faceflow.unknowns.candidates", candidates, AtomicLong::get)
                .description("candidates of the model version last clustered (open and ignored)").register(registry);
        this.feed = new StoreFeed(kafka, new StoreFeed.Settings("candidate-sink", topic, settings.groupId(),
                BATCH_RECORDS, BATCH_WAIT), new StoreFeed.Writer() {
                    @Override
                    public void write(List<ConsumerRecord<String, byte[]>> batch) {
                        cluster(batch);
                    }

                    @Override
                    public void failed(int records, RuntimeException e) {
                        failures.increment();
                        LOG.warn("clustering {} unknown track(s) failed ({}); they stay on {} and are retried",
                                records, e.getMessage(), topic);
                    }
                }, clock);
    }

    /** In order, each saved before the next; a retried batch finds its first events counted already. */
    private void cluster(List<ConsumerRecord<String, byte[]>> batch) {
        SightingEvent last = null;
        for (ConsumerRecord<String, byte[]> r : batch) {
            SightingEvent event;
            try {
                event = Messages.fromJson(r.value(), SightingEvent.class);
            } catch (RuntimeException e) {
                // Only faceflow writes this topic; a record that does not parse would block the clusterer for good.
                LOG.error("skipping an unreadable unknown-track event at {}-{}@{}: {}", r.topic(), r.partition(),
                        r.offset(), e.getMessage());
                unreadable.increment();
                continue;
            }
            outcomes.get(clusterer.apply(event).outcome()).increment();
            last = event;
        }
        if (last != null && last.embedding() != null && last.embedding().length > 0) {
            candidates.set(catalog.candidates(last.modelVersion(), last.embedding().length).count());
        }
    }

    /** Stops reading, clusters and commits what was read, and leaves the group; bounded. */
    @Override
    public void close() {
        feed.close();
    }
}
