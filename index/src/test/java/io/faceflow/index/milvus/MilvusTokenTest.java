package io.faceflow.index.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Milvus token comes from: the environment or a secret file, and what is said when that fails. */
class MilvusTokenTest {
    @TempDir
    Path dir;

    @Test
    void tokenComesFromTheVariableOrTheFileWithoutItsNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "reader:from-file\n");

        assertEquals(Optional.of("reader:inline"), MilvusToken.resolve(Map.of(MilvusToken.ENV, "reader:inline")));
        assertEquals(Optional.of("reader:from-file"), MilvusToken.resolve(Map.of(MilvusToken.FILE_ENV, file.toString())));
        assertEquals(Optional.empty(), MilvusToken.resolve(Map.of(MilvusToken.ENV, " ")));
    }

    @Test
    void bothSourcesAtOnceAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "reader:from-file");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MilvusToken.resolve(
                Map.of(MilvusToken.ENV, "reader:inline", MilvusToken.FILE_ENV, file.toString())));

        assertTrue(e.getMessage().contains("set only one"), e.getMessage());
    }

    @Test
    void anUnreadableOrEmptyFileIsNamedButNeverQuoted() throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> MilvusToken.resolve(Map.of(MilvusToken.FILE_ENV, missing.toString())));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> MilvusToken.resolve(Map.of(MilvusToken.FILE_ENV, empty.toString())));

        assertTrue(gone.getMessage().contains(missing.toString()) && gone.getMessage().contains("cannot be read"),
                gone.getMessage());
        assertTrue(blank.getMessage().contains("is empty"), blank.getMessage());
        assertFalse(gone.getMessage().contains("reader"), gone.getMessage());
    }
}
