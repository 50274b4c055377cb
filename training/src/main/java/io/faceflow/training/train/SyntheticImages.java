package io.faceflow.training.train;

import io.faceflow.training.data.FaceImages;
import io.faceflow.training.data.SyntheticIdentities;

/** identities x perIdentity synthetic images (for tests and smoke runs), rendered once and cached. */
public final class SyntheticImages implements LabelledImages {
    private final int classes;
    private final int perIdentity;
    private final int size;
    private final float[][] cache;

    public SyntheticImages(SyntheticIdentities generator, int identities, int perIdentity) {
        this.classes = identities;
        this.perIdentity = perIdentity;
        this.size = generator.size();
        this.cache = new float[identities * perIdentity][];
        for (int i = 0; i < cache.length; i++) {
            cache[i] = FaceImages.toChw(generator.image(i / perIdentity, i % perIdentity));
        }
    }

    @Override
    public int size() {
        return cache.length;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int index) {
        return index / perIdentity;
    }

    @Override
    public int[] imageShape() {
        return new int[] {3, size, size};
    }

    @Override
    public float[] image(int index) {
        return cache[index];
    }
}
