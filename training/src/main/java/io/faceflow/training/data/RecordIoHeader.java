package io.faceflow.training.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * MXNet's image record header (the 24-byte "IfQQ" struct, little-endian) that precedes the image bytes.
 *
 * @param flag 0 for a scalar label; n > 0 when n float labels follow the struct
 * @param labels the label(s): one value when flag is 0, else the flag values that follow
 * @param id the record id
 * @param id2 the second id (unused by most writers)
 */
public record RecordIoHeader(int flag, float[] labels, long id, long id2) {
    /** Size of the fixed part: uint32 flag, float32 label, uint64 id, uint64 id2. */
    public static final int FIXED_BYTES = 24;

    public RecordIoHeader {
        labels = labels.clone();
    }

    /** The first (or only) label, which insightface's datasets use as the identity. */
    public float label() {
        return labels.length == 0 ? Float.NaN : labels[0];
    }

    @Override
    public float[] labels() {
        return labels.clone();
    }

    /** Bytes this header occupies in the record. */
    public int byteSize() {
        return FIXED_BYTES + (flag > 0 ? 4 * flag : 0);
    }

    /** Parses the header at the start of a record payload. */
    public static RecordIoHeader parse(byte[] payload) {
        if (payload.length < FIXED_BYTES) {
            throw new IllegalArgumentException("record of " + payload.length
                    + " bytes is too short for an image record header (24 bytes): not an MXNet image .rec?");
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        long flagBits = Integer.toUnsignedLong(b.getInt());
        float scalar = b.getFloat();
        long id = b.getLong();
        long id2 = b.getLong();
        if (flagBits == 0) {
            return new RecordIoHeader(0, new float[] {scalar}, id, id2);
        }
        if (flagBits > (payload.length - FIXED_BYTES) / 4) {
            throw new IllegalArgumentException("record header says " + flagBits + " labels follow, but only "
                    + (payload.length - FIXED_BYTES) + " bytes remain: corrupt record");
        }
        int flag = (int) flagBits;
        float[] labels = new float[flag];
        for (int i = 0; i < flag; i++) {
            labels[i] = b.getFloat();
        }
        return new RecordIoHeader(flag, labels, id, id2);
    }

    /** Serialises the header (for writers and tests). */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(flag);
        b.putFloat(flag == 0 ? label() : 0f);
        b.putLong(id);
        b.putLong(id2);
        if (flag > 0) {
            for (float v : labels) {
                b.putFloat(v);
            }
        }
        return b.array();
    }
}
