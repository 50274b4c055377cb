package io.faceflow.index.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void matricesAndIntsRoundTripWithAnAlignedHeader() throws IOException {
        float[][] m = {{1f, -2.5f, 3e-7f}, {Float.MAX_VALUE, 0f, -0f}};
        int[] ids = {0, -1, 7, Integer.MAX_VALUE};
        Npy.writeMatrix(dir.resolve("m.npy"), m);
        Npy.writeInts(dir.resolve("i.npy"), ids);

        assertArrayEquals(m, Npy.readMatrix(dir.resolve("m.npy")));
        assertArrayEquals(ids, Npy.readInts(dir.resolve("i.npy")));
        // numpy requires the data to start on a 64-byte boundary: header + 2 rows x 3 floats.
        assertEquals(0, (Files.size(dir.resolve("m.npy")) - 2 * 3 * Float.BYTES) % 64);
        String header = new String(Files.readAllBytes(dir.resolve("m.npy")), 10, 60, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
    }

    @Test
    void aFileOfAnotherTypeIsRefusedByName() throws IOException {
        Npy.writeInts(dir.resolve("i.npy"), new int[] {1, 2});
        IOException e = assertThrows(IOException.class, () -> Npy.readMatrix(dir.resolve("i.npy")));
        assertTrue(e.getMessage().contains("i.npy") && e.getMessage().contains("<f4"), e.getMessage());
    }
}
