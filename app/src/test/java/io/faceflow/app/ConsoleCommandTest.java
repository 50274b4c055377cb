package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.console.PasswordHash;
import io.faceflow.testkit.ChildJvm;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console command's own checks; the console itself is tested in the console module, in a browser. */
class ConsoleCommandTest {
    @TempDir
    Path dir;

    @Test
    void hashPasswordPrintsAHashOfThePasswordAndNotThePassword() {
        InputStream stdin = System.in;
        Run r;
        try {
            System.setIn(new ByteArrayInputStream("a long password\n".getBytes(StandardCharsets.UTF_8)));
            r = CommandLineTest.run("hash-password", "--stdin", "--iterations", "10000");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(!r.out().contains("a long password"), r.out());
        assertTrue(PasswordHash.parse(r.out().strip()).matches("a long password".toCharArray()), r.out());
    }

    /**
     * The command as an operator runs it, in its own JVM: it serves the sign-in page, refuses the
     * API without a session, and stops on SIGTERM after closing the console and the gallery.
     */
    @Test
    void servesTheConsoleUntilSigterm() throws Exception {
        String index = "file:" + dir.resolve("index");
        Path penny = TestResources.testData().resolve("sitcom_cast/people/penny/penny1.png");
        Run enrol = CommandLineTest.run("enroll", "--index", index, "--person", "penny", "--models-dir",
                TestResources.models().toString(), penny.toString());
        assertEquals(0, enrol.exitCode(), enrol.err());
        String hash = PasswordHash.of("a long password".toCharArray(), 10_000).encoded();
        try (KafkaBroker broker = KafkaBroker.startInJvm();
                ChildJvm console = ChildJvm.start(dir.resolve("console.log"),
                        Map.of("FACEFLOW_CONSOLE_PASSWORD_HASH", hash), "io.faceflow.app.Main", "console",
                        "--bootstrap", broker.bootstrapServers(), "--index", index, "--port", "0", "--models-dir",
                        TestResources.models().toString())) {
            URI uri = awaitAddress(console);
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, http.send(HttpRequest.newBuilder(uri.resolve("/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, http.send(HttpRequest.newBuilder(uri.resolve("/api/people")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(143, console.terminate(Duration.ofSeconds(60)), "SIGTERM ends it");
            assertFalse(console.alive());
        }
    }

    private static URI awaitAddress(ChildJvm console) throws Exception {
        Pattern address = Pattern.compile("faceflow console on (http://\\S+/)");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String log = console.output();
            Matcher m = address.matcher(log);
            if (m.find()) {
                return URI.create(m.group(1));
            }
            assertTrue(console.alive(), "the console exited:\n" + log);
            Thread.sleep(250);
        }
        throw new AssertionError("the console printed no address:\n" + console.output());
    }

    @Test
    void anyAddressButLoopbackWithoutAPasswordIsRefusedBeforeAnythingStarts() {
        Run r = CommandLineTest.run("console", "--bootstrap", "127.0.0.1:1", "--index", "file:" + dir.resolve("index"),
                "--host", "0.0.0.0");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("without a login") && r.err().contains("hash-password"), r.err());
    }
}
