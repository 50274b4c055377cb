package io.faceflow.streams.unknowns;

import static io.faceflow.streams.unknowns.UnknownClustererTest.T0;
import static io.faceflow.streams.unknowns.UnknownClustererTest.event;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.contract.topic.Topics;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.embedded.EmbeddedCatalog;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate sink between a real broker and a real embedded index: committed unknown tracks
 * clustered once each, offsets committed after the candidates are saved, and neither a restart
 * nor a full replay counting a visit twice.
 */
class CandidateSinkTest {
    private static final long HOUR = 3_600_000;
    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
        try (Admin admin = Admin.create(kafka())) {
            admin.createTopics(List.of(new NewTopic(Topics.UNKNOWNS, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Properties kafka() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return p;
    }

    private static KafkaProducer<String, byte[]> producer(String transactionalId) {
        Properties p = kafka();
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, SightingEvent... events) {
        for (SightingEvent e : events) {
            producer.send(new ProducerRecord<>(Topics.UNKNOWNS, e.cameraId(), Messages.toJson(e)));
        }
    }

    private CandidateSink sink(GalleryCatalog catalog, SimpleMeterRegistry registry, String group) {
        return new CandidateSink(kafka(), Topics.UNKNOWNS, catalog,
                new UnknownsSettings(group, null, 0, 3, Duration.ofMinutes(10)), registry, Clock.systemUTC());
    }

    private static double outcome(SimpleMeterRegistry registry, String outcome) {
        return registry.counter("faceflow.unknowns.events", "outcome", outcome).count();
    }

    private static void await(LongSupplier value, long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (value.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, value.getAsLong(), what);
    }

    private static long visits(CandidateStore store) {
        return store.list().stream().mapToLong(c -> c.visits().size()).sum();
    }

    /** The group's committed offset on the topic; -1 before its first commit. */
    private static long committed(String group) {
        try (Admin admin = Admin.create(kafka())) {
            var offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(Topics.UNKNOWNS, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException("reading the offsets of " + group, e);
        }
    }

    private static long end() throws Exception {
        try (Admin admin = Admin.create(kafka())) {
            TopicPartition tp = new TopicPartition(Topics.UNKNOWNS, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
    }

    @Test
    void unknownTracksBecomeCandidatesOnceEvenAcrossRestartsAndReplays() throws Exception {
        try (GalleryCatalog catalog = new EmbeddedCatalog(dir.resolve("index"), EmbeddedOptions.defaults())) {
            CandidateStore store = catalog.candidates("v1", 4);
            SightingEvent identified = event("known", "door", T0, 40, 0, 0, 0, 1);
            try (KafkaProducer<String, byte[]> plain = producer(null);
                    KafkaProducer<String, byte[]> tx = producer("candidate-sink-test-tx")) {
                send(plain, event("a1", "door", T0, 40, 1, 0, 0, 0), event("b1", "door", T0, 40, 0, 1, 0, 0),
                        event("a2", "hall", T0 + HOUR, 40, 1, 0.1f, 0, 0),
                        event("b2", "door", T0 + 2 * HOUR, 40, 0.1f, 1, 0, 0),
                        event("a3", "door", T0 + 3 * HOUR, 40, 1, 0, 0.1f, 0),
                        new SightingEvent(identified.sightingId(), identified.cameraId(), identified.captureTimeMs(),
                                identified.sequence(), identified.faceIndex(), identified.box(),
                                identified.landmarks(), identified.quality(), identified.embedding(), "v1", "carol",
                                "Carol", "carol", 0.9, 0.6, identified.trackId(), identified.thumbnail()));
                plain.send(new ProducerRecord<>(Topics.UNKNOWNS, "door", "not an event".getBytes(UTF_8)));
                tx.initTransactions();
                tx.beginTransaction();
                send(tx, event("aborted", "door", T0, 40, 0, 0, 1, 0));
                tx.abortTransaction();
                plain.flush();
            }
            SimpleMeterRegistry first = new SimpleMeterRegistry();
            try (CandidateSink sink = sink(catalog, first, "unknowns-test")) {
                await(() -> (long) outcome(first, "skipped"), 1, "the identified face is read, and skipped");
                await(() -> (long) first.counter("faceflow.unknowns.unusable").count(), 1,
                        "a record that is no event is skipped, not retried for ever");
                await(() -> committed("unknowns-test"), end(),
                        "offsets committed up to the end, markers included");
            }
            assertEquals(2, store.count(), "one candidate per stranger; the aborted one never clustered");
            List<Candidate> listed = store.list();
            assertEquals(3, listed.get(0).visits().size(), "a: door, hall, door hours apart");
            assertEquals(2, listed.get(1).visits().size());
            assertEquals(2, outcome(first, "created"));
            assertEquals(3, outcome(first, "joined"));
            assertEquals(2, first.get("faceflow.unknowns.candidates").gauge().value());

            try (KafkaProducer<String, byte[]> plain = producer(null)) {
                send(plain, event("a4", "lift", T0 + 5 * HOUR, 40, 1, 0, 0, 0.1f));
            }
            SimpleMeterRegistry restarted = new SimpleMeterRegistry();
            try (CandidateSink sink = sink(catalog, restarted, "unknowns-test")) {
                await(() -> visits(store), 6, "the new visit");
                Thread.sleep(500);
                assertEquals(1, outcome(restarted, "joined"), "the restart starts after what was saved");
                assertEquals(0, outcome(restarted, "duplicate"));
            }

            SimpleMeterRegistry replayed = new SimpleMeterRegistry();
            try (CandidateSink sink = sink(catalog, replayed, "unknowns-replay")) {
                await(() -> (long) outcome(replayed, "duplicate"), 6, "a whole replay: every event already counted");
            }
            assertEquals(6, visits(store), "no visit counted twice");
            assertEquals(2, store.count());
            assertEquals(List.of(4, 2), store.list().stream().map(Candidate::members).toList());
        }
    }
}
