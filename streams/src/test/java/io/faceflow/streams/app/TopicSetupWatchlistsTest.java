package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faceflow.testkit.KafkaBroker;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The processor creates a topic per routed watchlist at start, on a real broker. */
class TopicSetupWatchlistsTest {
    @Test
    void eachListedWatchlistGetsItsAlertTopic() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startInJvm();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Properties file = new Properties();
            file.putAll(Map.of("bootstrap", broker.bootstrapServers(), "index", "file:/tmp/unused", "model",
                    "/tmp/unused", "topic.partitions", "1", "alerts.watchlist.topics", "true",
                    "watchlists", "vip,staff"));
            TopicSetup.ensure(admin, StreamsSettings.load(file, Map.of()));
            Set<String> topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            topics.removeIf(t -> !t.startsWith("faceflow.matches"));
            assertEquals(Set.of("faceflow.matches", "faceflow.matches.staff", "faceflow.matches.vip"), topics);
        }
    }
}
