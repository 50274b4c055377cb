package io.faceflow.streams.sightings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.Topics;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.Identity;
import io.faceflow.index.Template;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink between a real broker and a real embedded index: committed sightings only, each stored
 * once, offsets committed after the store, so a second sink of the group stores only what is new.
 */
class SightingSinkTest {
    private static KafkaBroker broker;
    private final Random random = new Random(11);

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private Properties kafka() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return p;
    }

    private KafkaProducer<String, byte[]> producer(String transactionalId) {
        Properties p = kafka();
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<String, byte[]> producer, String prefix, int count, String identity) {
        for (int i = 0; i < count; i++) {
            SightingEvent e = SightingEvents.of(prefix + "-" + i, "v1", System.currentTimeMillis(), identity,
                    SightingEvents.unit(random));
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS, e.cameraId(), Messages.toJson(e)));
        }
    }

    private SightingSink sink(GalleryCatalog catalog, SimpleMeterRegistry registry, String group) {
        return new SightingSink(kafka(), new SightingWriter(catalog, Duration.ofDays(1), Clock.systemUTC()),
                new SightingSinkSettings(group, 50, Duration.ofMillis(100), Duration.ofDays(1)), registry,
                Clock.systemUTC());
    }

    private static void await(LongSupplier value, long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (value.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, value.getAsLong(), what);
    }

    @Test
    void committedSightingsAreStoredOnceAndOffsetsFollowTheStore() throws Exception {
        try (GalleryCatalog catalog = GalleryCatalogs.open("file:" + dir.resolve("index"))) {
            catalog.open("v1", SightingEvents.DIM).upsert(List.of(new Identity("alice", "Alice", Map.of(),
                    List.of(new Template("a0", SightingEvents.unit(random))))));
            catalog.switchLive("v1");
            try (KafkaProducer<String, byte[]> plain = producer(null);
                    KafkaProducer<String, byte[]> tx = producer("sink-test-tx")) {
                send(plain, "unknown", 120, null);
                send(plain, "alice", 30, "alice");
                send(plain, "forgotten", 10, "carol");
                tx.initTransactions();
                tx.beginTransaction();
                send(tx, "aborted", 25, null);
                tx.abortTransaction();
                plain.flush();
            }
            var store = catalog.sightings("v1", SightingEvents.DIM);
            SimpleMeterRegistry first = new SimpleMeterRegistry();
            try (SightingSink sink = sink(catalog, first, "sink-test")) {
                await(store::count, 150, "every committed sighting of a known or unknown face, once");
                await(() -> (long) first.counter("faceflow.sightings.dropped").count(), 10,
                        "carol is not enrolled: her sightings are not kept");
            }
            assertEquals(0, store.deleteIdentity("carol"));
            assertTrue(first.timer("faceflow.sightings.searchable.lag").count() >= 150, "lag measured per sighting");

            try (KafkaProducer<String, byte[]> plain = producer(null)) {
                send(plain, "later", 7, null);
            }
            SimpleMeterRegistry second = new SimpleMeterRegistry();
            try (SightingSink sink = sink(catalog, second, "sink-test")) {
                await(store::count, 157, "the new sightings stored");
                Thread.sleep(500);
                assertEquals(7, second.counter("faceflow.sightings.stored").count(),
                        "the group's committed offsets start the second sink after what the first stored");
            }
        }
    }
}
