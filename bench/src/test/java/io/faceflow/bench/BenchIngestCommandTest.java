package io.faceflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.bench.BenchCommandTest.Run;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench ingest` with --kafka-config against a real broker that takes only SASL_SSL with SCRAM-SHA-512. */
class BenchIngestCommandTest {
    private static final String USER = "faceflow-ingest";
    private static final String PASSWORD = "s3cret-for-the-test";

    @TempDir
    Path dir;

    @Test
    void withoutABrokerItSaysTheEndToEndPartWasSkipped() {
        String video = TestResources.videos().resolve("pedestrians_1080p.mp4").toString();
        Run run = BenchCommandTest.run("bench", "ingest", "--video", video, "--frames", "10");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("skipped (no --bootstrap given"), run.out());
        assertFalse(run.out().contains("NaN"), run.out());
    }

    @Test
    void framesReachTheSecuredBrokerWithThePasswordInASecretFile() throws Exception {
        Path video = TestResources.videos().resolve("pedestrians_1080p.mp4");
        TestResources.require(Files.isRegularFile(video), video.toString());
        try (KafkaBroker broker = KafkaBroker.startSaslSsl(USER, PASSWORD)) {
            // As on Kubernetes: the JAAS line (the password) in a mounted secret folder, read through
            // Kafka's directory config provider; the client file itself holds no secret.
            Path secrets = Files.createDirectories(dir.resolve("kafka-user"));
            Map<String, String> config = new HashMap<>(broker.scramClientConfig(USER, PASSWORD));
            Files.writeString(secrets.resolve("sasl.jaas.config"), config.remove("sasl.jaas.config"));
            config.put("config.providers", "dir");
            config.put("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
            config.put("sasl.jaas.config", "${dir:" + secrets + ":sasl.jaas.config}");
            Path file = dir.resolve("client.properties");
            Properties client = new Properties();
            client.putAll(config);
            try (var out = Files.newBufferedWriter(file)) {
                client.store(out, null);
            }

            Run r = BenchCommandTest.run("bench", "ingest", "--video", video.toString(), "--frames", "5",
                    "--seconds", "3", "--bootstrap", broker.bootstrapServers(), "--kafka-config", file.toString());

            assertEquals(0, r.exitCode(), r.err());
            Matcher sent = Pattern.compile("sent (\\d+)").matcher(r.out());
            assertTrue(sent.find(), r.out());
            assertTrue(Integer.parseInt(sent.group(1)) > 0, "frames acknowledged by the SASL_SSL broker: " + r.out());
            assertTrue(countFrames(broker, "faceflow.bench.frames") >= Integer.parseInt(sent.group(1)),
                    "every acknowledged frame is on the topic");
            assertFalse((r.out() + r.err()).contains(PASSWORD));
        }
    }

    private static int countFrames(KafkaBroker broker, String topic) {
        Map<String, Object> config = new HashMap<>(broker.scramClientConfig(USER, PASSWORD));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "count-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int quiet = 0;
            while (System.nanoTime() < deadline && quiet < 3) {
                int n = consumer.poll(Duration.ofSeconds(1)).count();
                count += n;
                quiet = n == 0 && count > 0 ? quiet + 1 : 0;
            }
        }
        return count;
    }
}
