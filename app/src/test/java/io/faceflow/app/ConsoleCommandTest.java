package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.console.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    @Test
    void anyAddressButLoopbackWithoutAPasswordIsRefusedBeforeAnythingStarts() {
        Run r = CommandLineTest.run("console", "--bootstrap", "127.0.0.1:1", "--index", "file:" + dir.resolve("index"),
                "--host", "0.0.0.0");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("without a login") && r.err().contains("hash-password"), r.err());
    }
}
