package io.faceflow.training.data;

import io.faceflow.core.image.BgrImage;
import java.util.List;

/** Labelled aligned 112x112 faces, from identity folders or a RecordIO file. */
public interface FaceSet extends AutoCloseable {
    int size();

    /** Identity index of image i, in [0, identities().size()). */
    int label(int i);

    /** Identity names, index = label. */
    List<String> identities();

    /** Aligned face i (BGR, 112x112). */
    BgrImage face(int i);

    /** Where the images came from, for messages and manifests. */
    String source();

    default int[] labels() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = label(i);
        }
        return out;
    }

    @Override
    default void close() throws Exception {}
}
