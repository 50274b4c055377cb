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

    @Override
    public boolean[] issame() {
        return issame.clone();
    }
}
