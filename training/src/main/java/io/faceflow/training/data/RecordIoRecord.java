package io.faceflow.training.data;

/**
 * One image record: its index key, header and the encoded image (JPEG/PNG) bytes.
 */
public record RecordIoRecord(long key, RecordIoHeader header, byte[] image) {
    public RecordIoRecord {
        image = image.clone();
    }

    @Override
    public byte[] image() {
        return image.clone();
    }
}
