package io.faceflow.training.eval;

import java.util.List;

/**
 * A verification set in the common .bin form: 2N encoded images, pair i = (2i, 2i+1), and N labels.
 */
public record VerificationPack(List<byte[]> images, boolean[] issame) {
    public VerificationPack {
        images = List.copyOf(images);
        issame = issame.clone();
        if (images.size() != 2 * issame.length) {
            throw new IllegalArgumentException("a verification pack needs two images per pair: " + images.size()
                    + " images for " + issame.length + " pairs");
        }
    }

    public int pairs() {
        return issame.length;
    }

    /** The pairs as image indices: pair i is (2i, 2i+1). */
    public VerificationPairs pairList() {
        int[] left = new int[issame.length];
        int[] right = new int[issame.length];
        for (int i = 0; i < issame.length; i++) {
            left[i] = 2 * i;
            right[i] = 2 * i + 1;
        }
        return new VerificationPairs(left, right, issame.clone());
    }

    @Override
    public boolean[] issame() {
        return issame.clone();
    }
}
