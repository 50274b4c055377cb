package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.Topics;
import io.faceflow.testkit.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The unknown topic on a real broker: created with one partition, and a wider one refused with the way out. */
class TopicSetupUnknownsTest {
    private static StreamsSettings settings(KafkaBroker broker, Map<String, String> keys) {
        Properties file = new Properties();
        file.putAll(Map.of("bootstrap", broker.bootstrapServers(), "index", "file:/tmp/unused", "model",
                "/tmp/unused", "tracks", "true", "unknowns", "true", "topic.partitions", "3"));
        return StreamsSettings.load(file, keys);
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** A topic just created may not be described at once: its partitions are still being placed. */
    private static void awaitReady(Admin admin, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                partitions(admin, topic);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " was not ready within 30 s", e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void theUnknownTopicHasOnePartitionSoTheClustererIsTheOnlyWriter() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                Admin admin = Admin.create(StreamsApp.clientProperties(settings(broker, Map.of())))) {
            TopicSetup.ensure(admin, settings(broker, Map.of()));
            assertEquals(1, partitions(admin, Topics.UNKNOWNS));
            assertEquals(3, partitions(admin, Topics.SIGHTINGS), "the other topics as topic.partitions says");

            admin.createTopics(List.of(new NewTopic("wide.unknowns", 3, (short) 1))).all().get();
            awaitReady(admin, "wide.unknowns");
            var e = assertThrows(IllegalArgumentException.class,
                    () -> TopicSetup.ensure(admin, settings(broker, Map.of("unknown.topic", "wide.unknowns"))));
            assertTrue(e.getMessage().contains("wide.unknowns has 3 partitions but unknowns=true needs exactly one"),
                    e.getMessage());
        }
    }
}
