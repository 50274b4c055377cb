package io.faceflow.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Splits labelled images into a gallery and probes for identification.
 *
 * <p>A seeded share of identities is held out of the gallery entirely (their images become
 * non-mated probes, for open-set figures); every other identity enrols {@code perIdentity}
 * images and probes with the rest.
 *
 * @param gallery indices of gallery images
 * @param probes indices of probe images
 */
public record GalleryProbeSplit(int[] gallery, int[] probes) {

    public static GalleryProbeSplit of(int[] labels, int perIdentity, double unenrolledFraction, long seed) {
        if (perIdentity < 1) {
            throw new IllegalArgumentException("each enrolled identity needs at least one gallery image");
        }
        if (!(unenrolledFraction >= 0 && unenrolledFraction < 1)) {
            throw new IllegalArgumentException("unenrolled fraction must be in [0, 1), got " + unenrolledFraction);
        }
        Map<Integer, List<Integer>> byId = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byId.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> ids = new ArrayList<>(byId.keySet());
        Collections.shuffle(ids, random);
        int unenrolled = (int) Math.round(unenrolledFraction * ids.size());
        List<Integer> gallery = new ArrayList<>();
        List<Integer> probes = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            List<Integer> images = new ArrayList<>(byId.get(ids.get(k)));
            Collections.shuffle(images, random);
            int enrol = k < unenrolled ? 0 : Math.min(perIdentity, images.size());
            gallery.addAll(images.subList(0, enrol));
            probes.addAll(images.subList(enrol, images.size()));
        }
        Collections.sort(gallery);
        Collections.sort(probes);
        return new GalleryProbeSplit(gallery.stream().mapToInt(Integer::intValue).toArray(),
                probes.stream().mapToInt(Integer::intValue).toArray());
    }
}
