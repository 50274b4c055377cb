package io.faceflow.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The insightface layout of a face RecordIO (MS1MV2, CASIA-WebFace as train.rec/train.idx).
 *
 * <p>If record 0 has a label array (flag > 0), it is a dataset header whose first label is one
 * past the last image key: images are keys 1 .. label[0]-1 (the following records describe
 * identity ranges and are not images). Otherwise every record is an image. The identity of an
 * image is its first label.
 */
public final class FaceRecordDataset implements AutoCloseable {
    private final RecordIoReader reader;
    private final long[] imageKeys;

    public FaceRecordDataset(RecordIoReader reader) {
        this.reader = reader;
        long[] keys = reader.keys();
        if (reader.contains(0) && reader.header(0).flag() > 0) {
            long end = (long) reader.header(0).label();
            imageKeys = Arrays.stream(keys).filter(k -> k >= 1 && k < end).sorted().toArray();
        } else {
            imageKeys = keys;
        }
    }

    public static FaceRecordDataset open(Path rec) throws IOException {
        return new FaceRecordDataset(RecordIoReader.open(rec));
    }

    public int size() {
        return imageKeys.length;
    }

    /** The record key of the i-th image. */
    public long key(int i) {
        return imageKeys[i];
    }

    /** Identity of the i-th image. */
    public int identity(int i) {
        return (int) reader.header(imageKeys[i]).label();
    }

    /** Encoded image bytes of the i-th image. */
    public byte[] image(int i) {
        return reader.read(imageKeys[i]).image();
    }

    /** Identity of every image, in order (one pass over the headers). */
    public int[] identities() {
        int[] out = new int[imageKeys.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = identity(i);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
