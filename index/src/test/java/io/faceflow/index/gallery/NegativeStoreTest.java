package io.faceflow.index.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.IndexException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NegativeStoreTest {
    @TempDir
    Path temp;

    private static Negative negative(String alertId, String by) {
        return new Negative("alice", alertId, "door", 1_000, "m1", 0.61, 0.5, by, 5_000);
    }

    @Test
    void keepsOneNegativePerAlertBesideTheCropsButNeverAsACrop() {
        CropStore crops = new CropStore(temp);
        crops.put(new StoredIdentity("alice", "Alice", Map.of()), Map.of("t1", new byte[] {1}));
        NegativeStore store = new NegativeStore(crops);

        assertTrue(store.add(negative("door-1000-1-0", "ops"), new byte[] {7, 8}));
        assertFalse(store.add(negative("door-1000-1-0", "someone-else"), new byte[] {9}), "idempotent by alert id");
        assertTrue(store.add(negative("door-2000-2-0", "ops"), new byte[] {5}));

        assertEquals(List.of(negative("door-1000-1-0", "ops"), negative("door-2000-2-0", "ops")),
                store.negatives("alice"));
        assertArrayEquals(new byte[] {7, 8}, store.face("alice", "door-1000-1-0"));
        assertEquals(List.of("t1"), List.copyOf(crops.crops("alice").keySet()), "a negative is never a template");
        assertEquals(List.of("alice"), store.identityIds());

        assertTrue(crops.delete("alice"));
        assertEquals(List.of(), store.negatives("alice"));
    }

    @Test
    void refusesWhatCannotBeKeptWithItsReason() {
        CropStore crops = new CropStore(temp);
        NegativeStore store = new NegativeStore(crops);
        var unknown = assertThrows(IndexException.class, () -> store.add(negative("a-1", "ops"), new byte[] {1}));
        assertTrue(unknown.getMessage().contains("no person 'alice'"), unknown.getMessage());
        crops.put(new StoredIdentity("alice", "Alice", Map.of()), Map.of("t1", new byte[] {1}));
        var noFace = assertThrows(IllegalArgumentException.class, () -> store.add(negative("a-1", "ops"), null));
        assertTrue(noFace.getMessage().contains("thumbnails=true"), noFace.getMessage());
        assertThrows(IllegalArgumentException.class, () -> negative("a-1", " "));
    }
}
