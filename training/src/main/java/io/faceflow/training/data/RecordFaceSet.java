package io.faceflow.training.data;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A face RecordIO file (insightface layout, images already aligned) as a {@link FaceSet}; images
 * are decoded on demand, so the file may be far larger than memory. Identity names are the
 * labels as text; labels must be non-negative.
 */
public final class RecordFaceSet implements FaceSet {
    private final Path rec;
    private final FaceRecordDataset dataset;
    private final int[] labels;
    private final List<String> identities;
    private final ImageDecoder decoder = new ImageDecoder();

    private RecordFaceSet(Path rec, FaceRecordDataset dataset) {
        this.rec = rec;
        this.dataset = dataset;
        this.labels = dataset.identities();
        int max = -1;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException(rec + " has a negative identity label " + l);
            }
            max = Math.max(max, l);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k <= max; k++) {
            names.add(Integer.toString(k));
        }
        this.identities = List.copyOf(names);
    }

    /** Opens {@code rec} with its {@code .idx} (missing index: an error naming the file to create). */
    public static RecordFaceSet open(Path rec) throws IOException {
        return new RecordFaceSet(rec, FaceRecordDataset.open(rec));
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public List<String> identities() {
        return identities;
    }

    @Override
    public BgrImage face(int i) {
        // Record sets are stored aligned; other sizes (e.g. 224) are resized to the template.
        return FaceAligner.asAligned(decoder.decode(dataset.image(i)));
    }

    @Override
    public String source() {
        return rec.toString();
    }

    @Override
    public void close() throws IOException {
        dataset.close();
    }
}
