package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import io.faceflow.testkit.ChildJvm;
import io.faceflow.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `faceflow alerts` against a real broker: what a downstream developer runs first. */
class AlertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsAlertsAlreadyThereAndNewOnesReadablyAndStopsOnCtrlC() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.MATCHES, 1, (short) 1))).all().get();
            }
            send(broker, alert("a-1", "penny", "Penny", 1));
            Path log = dir.resolve("alerts.log");
            String out;
            try (ChildJvm alerts = ChildJvm.start(log, Map.of(), Main.class.getName(), "alerts", "--bootstrap",
                    broker.bootstrapServers(), "--from-beginning")) {
                alerts.awaitOutput("Penny (penny)", Duration.ofSeconds(60));
                send(broker, alert("a-2", "sheldon", "sheldon", 2));
                alerts.awaitOutput("sheldon ", Duration.ofSeconds(60));
                assertEquals(130, alerts.interrupt(Duration.ofSeconds(30)), alerts::output);
                out = alerts.output();
            }
            assertTrue(out.contains("camera lobby"), out);
            assertTrue(out.contains("score 0.700 (threshold 0.384)"), out);
        }
        CommandLineTest.Run noTopic = CommandLineTest.run("alerts", "--bootstrap", "127.0.0.1:1");
        assertEquals(1, noTopic.exitCode(), noTopic.err());
    }

    private static MatchAlert alert(String id, String identity, String name, long sequence) {
        return new MatchAlert(MatchAlert.SCHEMA_VERSION, id, "lobby", System.currentTimeMillis(), sequence, identity,
                name, 0.7, 0.3843, new FaceBox(10, 20, 100, 120), "model-1", "model-1", null);
    }

    private static void send(KafkaBroker broker, MatchAlert alert) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.MATCHES, alert.cameraId(), Messages.toJson(alert))).get();
        }
    }
}
