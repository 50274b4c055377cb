package io.faceflow.core.embed;

import io.faceflow.core.image.BgrImage;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Aligned-crop-shaped noise: what a test of the model's plumbing needs (shapes, order, threads), not faces. */
final class RandomCrops {
    private RandomCrops() {}

    static List<BgrImage> of(int count, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> {
            byte[] px = new byte[112 * 112 * 3];
            random.nextBytes(px);
            return new BgrImage(112, 112, px);
        }).toList();
    }
}
