package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --kafka-config against a real broker that takes only SASL_SSL with SCRAM-SHA-512: a wrong
 * password ends the command at once with what to fix, and no password reaches the output (that the
 * right credentials get frames through is bench's BenchIngestCommandTest).
 */
class KafkaSecurityTest {
    private static final String USER = "faceflow-ingest";
    private static final String PASSWORD = "s3cret-for-the-test";
    private static final String WRONG_PASSWORD = "not-the-password";
    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startSaslSsl(USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The commands that talk to a Kafka cluster, as a user would start them against {@code broker}. */
    static Stream<Arguments> commandsUsingKafka() {
        return Stream.of(
                Arguments.of("ingest", (Function<Path, String[]>) dir -> new String[] {"ingest", "--camera", "door",
                    "--url", dir.resolve("never-opened.mp4").toString(), "--bootstrap", broker.bootstrapServers(),
                    "--metrics-port", "-1"}),
                Arguments.of("streams", (Function<Path, String[]>) dir -> new String[] {"streams", "--bootstrap",
                    broker.bootstrapServers(), "--index", "file:" + dir.resolve("index"), "--model",
                    dir.resolve("bundle").toString(), "--metrics-port", "-1"}),
                Arguments.of("alerts", (Function<Path, String[]>) dir -> new String[] {"alerts", "--bootstrap",
                    broker.bootstrapServers()}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsUsingKafka")
    void aWrongPasswordStopsTheCommandAtOnceNamingBrokerAndFile(String command, Function<Path, String[]> args)
            throws Exception {
        Path file = write("wrong.properties", broker.scramClientConfig(USER, WRONG_PASSWORD));
        long start = System.nanoTime();

        Run r = CommandLineTest.run(CommandLineTest.concat(args.apply(dir), new String[] {"--kafka-config",
            file.toString()}));

        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("refused to authenticate"), r.err());
        assertTrue(r.err().contains(broker.bootstrapServers()), r.err());
        assertTrue(r.err().contains(file.toString()), r.err());
        assertFalse((r.out() + r.err()).contains(WRONG_PASSWORD), r.err());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, command + " did not hang");
    }

    @Test
    void aMissingClientFileIsAUsageError() {
        Path missing = dir.resolve("nowhere.properties");

        Run r = CommandLineTest.run("ingest", "--camera", "door", "--url", "rtsp://camera.invalid/1",
                "--bootstrap", broker.bootstrapServers(), "--kafka-config", missing.toString());

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--kafka-config " + missing + " is not a readable file"), r.err());
    }

    private Path write(String name, Map<String, String> properties) throws IOException {
        java.util.Properties p = new java.util.Properties();
        p.putAll(properties);
        Path file = dir.resolve(name);
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }
        return file;
    }
}
