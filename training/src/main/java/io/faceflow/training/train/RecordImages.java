package io.faceflow.training.train;

import io.faceflow.training.data.FaceImages;
import io.faceflow.training.data.FaceRecordDataset;
import java.awt.image.BufferedImage;

/** A face RecordIO dataset as training input: decodes each image on demand. */
public final class RecordImages implements LabelledImages {
    private final FaceRecordDataset dataset;
    private final int[] labels;
    private final int classes;
    private final int[] shape;

    public RecordImages(FaceRecordDataset dataset) {
        this.dataset = dataset;
        this.labels = dataset.identities();
        int max = -1;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("negative identity label " + l + " in the dataset");
            }
            max = Math.max(max, l);
        }
        this.classes = max + 1;
        BufferedImage first = FaceImages.decode(dataset.image(0));
        this.shape = new int[] {3, first.getHeight(), first.getWidth()};
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int[] imageShape() {
        return shape.clone();
    }

    @Override
    public float[] image(int index) {
        return FaceImages.toChw(FaceImages.decode(dataset.image(index)));
    }
}
