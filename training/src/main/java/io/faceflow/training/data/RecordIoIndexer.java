package io.faceflow.training.data;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rebuilds a missing .idx by streaming through a .rec once (constant memory).
 *
 * <p>Keys are record numbers 0, 1, 2, ... in file order, which is what im2rec and insightface's
 * writers use, so the rebuilt index matches the original one for such files.
 */
public final class RecordIoIndexer {
    private RecordIoIndexer() {}

    /** Writes {@code idx} for {@code rec}; returns the number of records. */
    public static long index(Path rec, Path idx) throws IOException {
        long count = 0;
        try (InputStream raw = Files.newInputStream(rec);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
                BufferedWriter out = Files.newBufferedWriter(idx, StandardCharsets.UTF_8)) {
            long pos = 0;
            long recordStart = -1;
            while (true) {
                int magic;
                try {
                    magic = Integer.reverseBytes(in.readInt());
                } catch (EOFException end) {
                    break;
                }
                if (magic != RecordIoReader.MAGIC) {
                    throw new IOException(String.format("%s: no RecordIO magic at offset %d (found 0x%08x)", rec, pos, magic));
                }
                int lrecord = Integer.reverseBytes(in.readInt());
                int cflag = (lrecord >>> 29) & 7;
                long length = lrecord & ((1 << 29) - 1);
                long padded = (length + 3) & ~3L;
                if (cflag == 0 || cflag == 1) {
                    recordStart = pos;
                }
                if (cflag == 0 || cflag == 3) {
                    out.write(count + "\t" + recordStart + "\n");
                    count++;
                }
                in.skipNBytes(padded);
                pos += 8 + padded;
            }
        }
        return count;
    }
}
