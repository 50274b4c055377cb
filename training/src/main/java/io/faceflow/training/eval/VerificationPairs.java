package io.faceflow.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Verification pairs drawn from labelled images (for sets without a pairs file, e.g. a validation
 * split): as many different-identity pairs as same-identity pairs, shuffled together so that each of
 * the protocol's 10 contiguous folds mixes both kinds. Seeded: the same labels and seed give the same pairs.
 *
 * @param left index of each pair's first image
 * @param right index of each pair's second image
 */
public record VerificationPairs(int[] left, int[] right, boolean[] same) {

    public int size() {
        return same.length;
    }

    /**
     * @param maxSame cap on same-identity pairs (all of them are taken when fewer)
     */
    public static VerificationPairs sample(int[] labels, int maxSame, long seed) {
        Random random = new Random(seed);
        List<int[]> sames = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            for (int j = i + 1; j < labels.length; j++) {
                if (labels[i] == labels[j]) {
                    sames.add(new int[] {i, j});
                }
            }
        }
        Collections.shuffle(sames, random);
        if (sames.size() > maxSame) {
            sames = new ArrayList<>(sames.subList(0, maxSame));
        }
        if (sames.isEmpty()) {
            throw new IllegalArgumentException("no identity has two images: cannot build verification pairs");
        }
        List<int[]> diffs = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int attempts = 0;
        while (diffs.size() < sames.size() && attempts++ < 100 * sames.size()) {
            int i = random.nextInt(labels.length);
            int j = random.nextInt(labels.length);
            if (labels[i] != labels[j] && seen.add((long) Math.min(i, j) * labels.length + Math.max(i, j))) {
                diffs.add(new int[] {i, j});
            }
        }
        if (diffs.isEmpty()) {
            throw new IllegalArgumentException("all images share one identity: cannot build different-identity pairs");
        }
        List<Object[]> all = new ArrayList<>();
        sames.forEach(p -> all.add(new Object[] {p, true}));
        diffs.forEach(p -> all.add(new Object[] {p, false}));
        Collections.shuffle(all, random);
        int[] left = new int[all.size()];
        int[] right = new int[all.size()];
        boolean[] same = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            int[] p = (int[]) all.get(k)[0];
            left[k] = p[0];
            right[k] = p[1];
            same[k] = (Boolean) all.get(k)[1];
        }
        return new VerificationPairs(left, right, same);
    }
}
