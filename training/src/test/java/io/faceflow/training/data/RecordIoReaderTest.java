package io.faceflow.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIoReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBackScalarAndArrayLabelsInAnyOrder() throws Exception {
        SyntheticIdentities ids = new SyntheticIdentities(3, 32);
        Path rec = dir.resolve("train.rec");
        byte[][] images = new byte[6][];
        try (RecordIoTestWriter w = new RecordIoTestWriter(rec, dir.resolve("train.idx"))) {
            // insightface layout: record 0 is a header whose label[0] is one past the last image key.
            w.write(0, new RecordIoHeader(2, new float[] {7, 9}, 0, 0), new byte[0]);
            for (int i = 1; i <= 6; i++) {
                images[i - 1] = FaceImages.png(ids.image(i % 3, i));
                RecordIoHeader h = i == 4
                        ? new RecordIoHeader(2, new float[] {i % 3, 0.5f}, i, 0)
                        : new RecordIoHeader(0, new float[] {i % 3}, i, 0);
                w.write(i, h, images[i - 1]);
            }
            // key 7 describes an identity range, not an image
            w.write(7, new RecordIoHeader(2, new float[] {1, 3}, 7, 0), new byte[0]);
        }
        try (RecordIoReader reader = RecordIoReader.open(rec)) {
            assertEquals(8, reader.size());
            for (int i : new int[] {5, 2, 6, 1, 4, 3}) {
                RecordIoRecord r = reader.read(i);
                assertEquals(i, r.header().id());
                assertEquals(i % 3, r.header().label());
                assertArrayEquals(images[i - 1], r.image());
                assertEquals(32, FaceImages.decode(r.image()).getWidth());
            }
            assertArrayEquals(new float[] {1, 0.5f}, reader.read(4).header().labels());
            assertEquals(2, reader.read(4).header().flag());
        }
        try (FaceRecordDataset data = FaceRecordDataset.open(rec)) {
            assertEquals(6, data.size());
            assertArrayEquals(new int[] {1, 2, 0, 1, 2, 0}, data.identities());
            assertArrayEquals(images[2], data.image(2));
        }
    }

    @Test
    void joinsRecordsSplitAtEmbeddedMagic() throws Exception {
        byte[] body = new byte[40];
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(8, RecordIoReader.MAGIC).putInt(20, RecordIoReader.MAGIC);
        body[0] = 1;
        body[39] = 9;
        Path rec = dir.resolve("split.rec");
        try (RecordIoTestWriter w = new RecordIoTestWriter(rec, dir.resolve("split.idx"))) {
            w.write(0, new RecordIoHeader(0, new float[] {4}, 0, 0), new byte[] {1, 2, 3});
            w.write(1, new RecordIoHeader(0, new float[] {5}, 1, 0), body);
            w.write(2, new RecordIoHeader(0, new float[] {6}, 2, 0), new byte[] {7});
        }
        // The framing really was split (more than three magic-led frames in the file).
        try (RecordIoReader reader = RecordIoReader.open(rec)) {
            assertArrayEquals(body, reader.read(1).image());
            assertArrayEquals(new byte[] {7}, reader.read(2).image());
            assertEquals(6f, reader.read(2).header().label());
        }
        // Rebuilding the index by streaming gives the writer's offsets.
        Path rebuilt = dir.resolve("rebuilt.idx");
        assertEquals(3, RecordIoIndexer.index(rec, rebuilt));
        assertEquals(Files.readAllLines(dir.resolve("split.idx")), Files.readAllLines(rebuilt));
    }

    @Test
    void missingIndexIsAClearError() throws Exception {
        Path rec = dir.resolve("lonely.rec");
        try (RecordIoTestWriter w = new RecordIoTestWriter(rec, null)) {
            w.write(0, new RecordIoHeader(0, new float[] {1}, 0, 0), new byte[] {1});
        }
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RecordIoReader.open(rec));
        assertTrue(e.getMessage().contains("lonely.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("RecordIoIndexer"), e.getMessage());
    }

    @Test
    void mismatchedIndexIsDetected() throws Exception {
        Path rec = dir.resolve("a.rec");
        try (RecordIoTestWriter w = new RecordIoTestWriter(rec, null)) {
            w.write(0, new RecordIoHeader(0, new float[] {1}, 0, 0), new byte[] {1, 2, 3, 4, 5});
        }
        Files.writeString(dir.resolve("a.idx"), "0\t4\n");
        try (RecordIoReader reader = RecordIoReader.open(rec)) {
            Exception e = assertThrows(java.io.UncheckedIOException.class, () -> reader.read(0));
            assertTrue(e.getCause().getMessage().contains("does not match"), e.getCause().getMessage());
            assertThrows(IllegalArgumentException.class, () -> reader.read(42));
        }
    }
}
