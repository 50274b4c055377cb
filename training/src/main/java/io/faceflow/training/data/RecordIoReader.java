package io.faceflow.training.data;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Random-access reader of an MXNet RecordIO pair (.rec + .idx), as insightface ships MS1MV2 etc.
 *
 * <p>The .rec is never loaded whole: each read seeks through the .idx offset and reads one
 * record with a positional read, so readers on several threads can share one instance.
 *
 * <p>Framing (dmlc recordio): uint32 magic 0xced7230a, uint32 lrecord (upper 3 bits cflag, lower
 * 29 bits length), payload, zero padding to 4 bytes. cflag 0 is a whole record; 1/2/3 start,
 * continue and end a record that the writer split where the payload contained the magic
 * number, so the parts are joined with the magic re-inserted.
 */
public final class RecordIoReader implements AutoCloseable {
    public static final int MAGIC = 0xced7230a;
    private static final int LENGTH_MASK = (1 << 29) - 1;

    private final Path rec;
    private final FileChannel channel;
    private final Map<Long, Long> offsets;
    private final long[] keys;

    private RecordIoReader(Path rec, FileChannel channel, Map<Long, Long> offsets) {
        this.rec = rec;
        this.channel = channel;
        this.offsets = offsets;
        this.keys = offsets.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /** Opens {@code rec} with the index beside it (same name, .idx). */
    public static RecordIoReader open(Path rec) throws IOException {
        return open(rec, indexPathFor(rec));
    }

    /** Opens {@code rec} with an explicit index file. */
    public static RecordIoReader open(Path rec, Path idx) throws IOException {
        if (!Files.isRegularFile(rec)) {
            throw new NoSuchFileException(rec.toString(), null, "RecordIO file not found");
        }
        if (!Files.isRegularFile(idx)) {
            throw new NoSuchFileException(idx.toString(), null,
                    "index for " + rec.getFileName() + " not found: random access needs the .idx written with the "
                            + ".rec (lines 'key<TAB>offset'); copy it beside the .rec, or rebuild it by scanning the "
                            + ".rec with RecordIoIndexer");
        }
        Map<Long, Long> offsets = readIndex(idx);
        return new RecordIoReader(rec, FileChannel.open(rec, StandardOpenOption.READ), offsets);
    }

    /** The .idx path that belongs to a .rec path. */
    public static Path indexPathFor(Path rec) {
        String name = rec.getFileName().toString();
        String base = name.endsWith(".rec") ? name.substring(0, name.length() - 4) : name;
        return rec.resolveSibling(base + ".idx");
    }

    private static Map<Long, Long> readIndex(Path idx) throws IOException {
        Map<Long, Long> offsets = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(idx, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 2) {
                    throw new IOException(idx + " line " + lineNo + ": expected 'key<TAB>offset', got '" + line + "'");
                }
                try {
                    offsets.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                } catch (NumberFormatException e) {
                    throw new IOException(idx + " line " + lineNo + ": key and offset must be integers, got '" + line + "'", e);
                }
            }
        }
        return offsets;
    }

    /** Keys in index order. */
    public long[] keys() {
        return keys.clone();
    }

    public int size() {
        return keys.length;
    }

    public boolean contains(long key) {
        return offsets.containsKey(key);
    }

    /** Reads and parses the image record with this key. */
    public RecordIoRecord read(long key) {
        byte[] payload = readPayload(key);
        RecordIoHeader header = RecordIoHeader.parse(payload);
        byte[] image = Arrays.copyOfRange(payload, header.byteSize(), payload.length);
        return new RecordIoRecord(key, header, image);
    }

    /** Reads only the header of a record (the label), still one read of the record. */
    public RecordIoHeader header(long key) {
        return RecordIoHeader.parse(readPayload(key));
    }

    /** The raw payload (header + image) of the record with this key. */
    public byte[] readPayload(long key) {
        Long offset = offsets.get(key);
        if (offset == null) {
            throw new IllegalArgumentException("key " + key + " is not in the index of " + rec);
        }
        try {
            return readAt(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read record " + key + " at offset " + offset + " of " + rec, e);
        }
    }

    private byte[] readAt(long position) throws IOException {
        ByteArrayOutputStream joined = null;
        long pos = position;
        while (true) {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(head, pos);
            head.flip();
            int magic = head.getInt();
            if (magic != MAGIC) {
                throw new IOException(String.format(
                        "no RecordIO magic at offset %d (found 0x%08x): the .idx does not match this .rec", pos, magic));
            }
            int lrecord = head.getInt();
            int cflag = (lrecord >>> 29) & 7;
            int length = lrecord & LENGTH_MASK;
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(body, pos + 8);
            pos += 8 + ((length + 3L) & ~3L);
            if (cflag == 0) {
                if (joined != null) {
                    throw new IOException("whole record inside a split record at offset " + position + ": corrupt .rec");
                }
                return body.array();
            }
            if (cflag == 1) {
                joined = new ByteArrayOutputStream(length * 2);
            } else if (joined == null) {
                throw new IOException("continuation part without a start at offset " + position
                        + ": the .idx points into the middle of a record");
            } else {
                // The writer cut the payload at an embedded magic number; put it back.
                joined.write(new byte[] {0x0a, 0x23, (byte) 0xd7, (byte) 0xce});
            }
            joined.write(body.array());
            if (cflag == 3) {
                return joined.toByteArray();
            }
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, p);
            if (n < 0) {
                throw new IOException("unexpected end of " + rec + " at offset " + p + ": truncated .rec?");
            }
            p += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
