package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void theHashMatchesItsPasswordOnlyAndSurvivesItsTextForm() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), 10_000);
        PasswordHash read = PasswordHash.parse(hash.encoded());
        assertTrue(read.matches("correct horse".toCharArray()));
        assertFalse(read.matches("correct horsE".toCharArray()));
        assertFalse(hash.encoded().contains("correct"), hash.encoded());
        assertTrue(hash.encoded().startsWith("pbkdf2-sha256$10000$"), hash.encoded());
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        assertFalse(PasswordHash.of("same password".toCharArray(), 10_000).encoded()
                .equals(PasswordHash.of("same password".toCharArray(), 10_000).encoded()));
    }

    @Test
    void badConfigurationSaysWhatToDo() {
        var e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("secret"));
        assertTrue(e.getMessage().contains("faceflow hash-password"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of("short".toCharArray(), 10_000));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$100$AAAA$AAAA"));
    }

    @Test
    void anAddressOtherThanLoopbackNeedsAPassword() {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", "localhost:9092");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ConsoleSettings("0.0.0.0", 8080, null, kafka, List.of(), 1 << 20));
        assertTrue(e.getMessage().contains("without a login"), e.getMessage());
        PasswordHash hash = PasswordHash.of("a long password".toCharArray(), 10_000);
        assertTrue(new ConsoleSettings("0.0.0.0", 8080, hash, kafka, List.of(), 1 << 20).loginRequired());
        ConsoleSettings local = new ConsoleSettings("127.0.0.1", 8080, null, kafka, List.of(), 1 << 20);
        assertFalse(local.loginRequired());
        assertEquals(ConsoleSettings.DEFAULT_HOST, ConsoleSettings.local("localhost:9092").host());
    }
}
