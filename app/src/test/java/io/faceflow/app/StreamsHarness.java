package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.testkit.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What tests of the stream processor as a child process share: its start, its topics, its endpoints. */
final class StreamsHarness {
    private static final Pattern METRICS_PORT = Pattern.compile("metrics on :(\\d+)/metrics");

    private StreamsHarness() {}

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return producer(bootstrap, Map.of());
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap, Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        p.putAll(overrides);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static RecordHeaders frameHeaders(String camera, long captureMs, long sequence, String contentType) {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.write(headers, new FrameHeaders.Frame(camera, captureMs, sequence, 0, 0, contentType));
        return headers;
    }

    /** Starts {@code faceflow ARGS...} in a child JVM whose output goes to {@code log}. */
    static ChildJvm start(Path log, String... args) {
        return ChildJvm.start(log, Map.of(), "io.faceflow.app.Main", args);
    }

    /** Waits until the processor, started when {@code log} had {@code fromLine} lines, reaches RUNNING. */
    static void awaitRunning(ChildJvm child, int fromLine) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> all = Files.exists(child.log()) ? Files.readAllLines(child.log()) : List.of();
            if (all.stream().skip(fromLine).anyMatch(l -> l.contains("-> RUNNING"))) {
                return;
            }
            assertTrue(child.alive(), "the stream processor exited:\n" + String.join("\n", all));
            Thread.sleep(250);
        }
        throw new AssertionError("the stream processor did not reach RUNNING:\n"
                + String.join("\n", Files.readAllLines(child.log())));
    }

    static int lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    /** The log's lines from {@code fromLine} on. */
    static List<String> linesFrom(Path log, int fromLine) throws Exception {
        List<String> all = Files.readAllLines(log);
        return all.subList(Math.min(fromLine, all.size()), all.size());
    }

    /** The port of the processor's /metrics and /health endpoints, from its start line after {@code fromLine}. */
    static int metricsPort(Path log, int fromLine) throws Exception {
        for (String line : linesFrom(log, fromLine)) {
            Matcher m = METRICS_PORT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no metrics port in the processor's log:\n" + String.join("\n", linesFrom(log, fromLine)));
    }

    /** GET http://127.0.0.1:PORT/PATH: the status and the body. */
    static HttpResponse<String> get(int port, String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The value of a counter on the processor's /metrics page (0 when it has not been registered yet). */
    static double metric(int port, String name) throws Exception {
        for (String line : get(port, "/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /**
     * Waits until consumer group {@code group} has committed offsets at the end of every partition
     * of {@code topic}: it has handled everything committed there so far.
     */
    static void awaitGroupCaughtUp(String bootstrap, String group, String topic, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> behind = Map.of();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(30, TimeUnit.SECONDS);
                behind = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata at = committed.get(tp);
                    long lag = ends.get(tp).offset() - (at == null ? 0 : at.offset());
                    if (lag > 0) {
                        behind.put(tp, lag);
                    }
                }
                if (behind.isEmpty()) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("group " + group + " is still behind on " + topic + " after " + timeout + ": "
                    + behind);
        }
    }

    /** Every committed record of {@code topic} so far (read_committed: what an aborted transaction wrote is never seen). */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            var partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
