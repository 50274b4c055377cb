package io.faceflow.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.razorvine.pickle.Pickler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinPackReaderTest {
    static final boolean[] ISSAME = {true, false, true};

    static byte[] image(int i) {
        return new byte[] {(byte) 0x89, 0x50, 0x4E, 0x47, (byte) i, (byte) (0xFF - i), (byte) (0x80 + i)};
    }

    /** Fixtures from src/test/python/make_bin_fixtures.py (real numpy pickles and a Python 2 style pack). */
    @ParameterizedTest
    @ValueSource(strings = {"numpy_protocol2.bin", "numpy_protocol4.bin", "numpy_protocol5.bin",
        "bytes_protocol4.bin", "python2_str.bin"})
    void readsPythonWrittenPacks(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/binpack/" + name)) {
            VerificationPack pack = BinPackReader.read(in, name);
            assertEquals(3, pack.pairs());
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(image(i), pack.images().get(i), name + " image " + i);
            }
            assertArrayEquals(ISSAME, pack.issame());
        }
    }

    @Test
    void readsJavaPickledBytesFromAFile(@TempDir Path dir) throws Exception {
        List<byte[]> images = List.of(image(0), image(1), image(2), image(3));
        byte[] pickle = new Pickler().dumps(new Object[] {images, List.of(false, true)});
        Path bin = dir.resolve("tiny.bin");
        Files.write(bin, pickle);
        VerificationPack pack = BinPackReader.read(bin);
        assertEquals(2, pack.pairs());
        assertArrayEquals(image(3), pack.images().get(3));
        assertArrayEquals(new boolean[] {false, true}, pack.issame());
    }

    @Test
    void oddImageCountOrGarbageIsAClearError() throws Exception {
        byte[] odd = new Pickler().dumps(new Object[] {List.of(image(0)), List.of(true)});
        IOException e = assertThrows(IOException.class, () -> BinPackReader.read(new ByteArrayInputStream(odd), "odd.bin"));
        assertTrue(e.getMessage().contains("two images per pair"), e.getMessage());
        IOException g = assertThrows(IOException.class,
                () -> BinPackReader.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), "junk.bin"));
        assertTrue(g.getMessage().contains("junk.bin"), g.getMessage());
    }
}
