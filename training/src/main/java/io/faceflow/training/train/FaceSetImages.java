package io.faceflow.training.train;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.InputSpec;
import io.faceflow.training.data.FaceSet;
import java.util.Arrays;

/**
 * A subset of a {@link FaceSet} as training input: identities relabelled to [0, classes) in order
 * of first appearance, images converted to CHW in the backbone's input convention.
 */
public final class FaceSetImages implements LabelledImages {
    private final FaceSet set;
    private final int[] indices;
    private final int[] labels;
    private final int classes;
    private final InputSpec input;

    public FaceSetImages(FaceSet set, int[] indices, InputSpec input) {
        this.set = set;
        this.input = input;
        this.indices = indices.clone();
        int[] map = new int[set.identities().size()];
        Arrays.fill(map, -1);
        int next = 0;
        this.labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int raw = set.label(indices[k]);
            if (map[raw] < 0) {
                map[raw] = next++;
            }
            labels[k] = map[raw];
        }
        this.classes = next;
    }

    @Override
    public int size() {
        return indices.length;
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
        return new int[] {3, 112, 112};
    }

    @Override
    public float[] image(int index) {
        BgrImage face = set.face(indices[index]);
        float[] chw = new float[3 * face.width() * face.height()];
        input.writeChw(face, chw, 0);
        return chw;
    }
}
