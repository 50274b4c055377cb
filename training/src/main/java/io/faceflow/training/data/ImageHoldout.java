package io.faceflow.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Some images of each training identity kept out of training, so that fine-tuning can be judged on
 * the people it was fine-tuned on (identification of new photos of known people), beside the
 * unseen identities of an {@link IdentitySplit}.
 *
 * @param train indices to train on
 * @param heldOut indices of held-out images; every identity here keeps at least two training images
 *     and contributes at least two held-out ones (a gallery image and a probe), or none
 */
public record ImageHoldout(int[] train, int[] heldOut) {
    /** Seeded: the same labels, indices, fraction and seed give the same holdout. */
    public static ImageHoldout of(int[] labels, int[] indices, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("image holdout fraction must be in [0, 1), got " + fraction);
        }
        Map<Integer, List<Integer>> byIdentity = new LinkedHashMap<>();
        for (int index : indices) {
            byIdentity.computeIfAbsent(labels[index], k -> new ArrayList<>()).add(index);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (List<Integer> images : byIdentity.values()) {
            Collections.shuffle(images, random);
            int hold = (int) Math.round(fraction * images.size());
            if (hold < 2 || images.size() - hold < 2) {
                hold = 0;
            }
            heldOut.addAll(images.subList(0, hold));
            train.addAll(images.subList(hold, images.size()));
        }
        return new ImageHoldout(train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                heldOut.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
}
