package io.faceflow.index.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropStoreTest {
    @TempDir
    Path temp;

    @Test
    void storesReplacesAndDeletesCrops() {
        CropStore store = new CropStore(temp);
        StoredIdentity alice = new StoredIdentity("alice", "Alice", Map.of("team", "a"));
        store.put(alice, Map.of("t1", new byte[] {1, 2}, "t2", new byte[] {3}));
        assertEquals(List.of("alice"), store.identityIds());
        assertEquals(Optional.of(alice), store.identity("alice"));
        assertArrayEquals(new byte[] {3}, store.crops("alice").get("t2"));

        store.put(alice, Map.of("t3", new byte[] {9}));
        assertEquals(List.of("t3"), List.copyOf(store.crops("alice").keySet()));

        assertTrue(store.delete("alice"));
        assertFalse(Files.exists(temp.resolve("alice")));
        assertTrue(store.identityIds().isEmpty());
        assertFalse(store.delete("alice"));
    }
}
