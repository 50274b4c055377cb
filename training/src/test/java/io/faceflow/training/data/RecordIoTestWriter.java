package io.faceflow.training.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A minimal RecordIO writer for tests, splitting payloads at embedded magic numbers like dmlc does. */
final class RecordIoTestWriter implements AutoCloseable {
    private final OutputStream rec;
    private final Writer idx;
    private long position;

    RecordIoTestWriter(Path recPath, Path idxPath) throws IOException {
        rec = Files.newOutputStream(recPath);
        idx = idxPath == null ? Writer.nullWriter() : Files.newBufferedWriter(idxPath, StandardCharsets.UTF_8);
    }

    void write(long key, RecordIoHeader header, byte[] image) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(header.toBytes());
        payload.write(image);
        idx.write(key + "\t" + position + "\n");
        writePayload(payload.toByteArray());
    }

    private void writePayload(byte[] data) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 4 <= data.length; i += 4) {
            int word = ByteBuffer.wrap(data, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (word == RecordIoReader.MAGIC) {
                parts.add(java.util.Arrays.copyOfRange(data, start, i));
                start = i + 4;
            }
        }
        parts.add(java.util.Arrays.copyOfRange(data, start, data.length));
        for (int p = 0; p < parts.size(); p++) {
            int cflag = parts.size() == 1 ? 0 : p == 0 ? 1 : p == parts.size() - 1 ? 3 : 2;
            frame(cflag, parts.get(p));
        }
    }

    private void frame(int cflag, byte[] part) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(RecordIoReader.MAGIC);
        head.putInt((cflag << 29) | part.length);
        rec.write(head.array());
        rec.write(part);
        int pad = (4 - part.length % 4) % 4;
        rec.write(new byte[pad]);
        position += 8 + part.length + pad;
    }

    @Override
    public void close() throws IOException {
        rec.close();
        idx.close();
    }
}
