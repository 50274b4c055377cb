package io.faceflow.training.job;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.eval.BinPackReader;
import io.faceflow.training.eval.EmbeddingMath;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.eval.VerificationPairs;
import io.faceflow.training.eval.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The verification pairs a fine-tuned child is checked on against its parent: faces of people from
 * data sets it was not trained on. Pairs are drawn within each source (a cross-source impostor pair
 * would be trivially easy), then all sources' pairs are shuffled together so every fold of the
 * verification protocol mixes them and one threshold is chosen for all.
 */
public final class GuardSet {
    /** Parent cosine at or above which a guard face counts as a copy of a training face. */
    static final double COPY_COSINE = 0.95;

    /** One source's faces and its pairs over them. */
    record Source(String name, List<BgrImage> faces, VerificationPairs pairs) {}

    private final List<Source> sources;
    private final long seed;

    private GuardSet(List<Source> sources, long seed) {
        this.sources = List.copyOf(sources);
        this.seed = seed;
    }

    /** Prepares every source: identity folders through {@code cache} (capped), packs as stored. */
    public static GuardSet load(List<Path> paths, AlignedFaceCache cache, int maxImagesPerSource, long seed,
            Consumer<String> log) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path path : paths) {
            Source s;
            if (path.toString().endsWith(".bin")) {
                var pack = BinPackReader.read(path);
                s = new Source(path.toString(), ModelEvaluator.packFaces(path.toString(), pack), pack.pairList());
            } else {
                IdentityFolders folders = capped(IdentityFolders.scan(path, 2), maxImagesPerSource, seed);
                FolderFaceSet set = FolderFaceSet.load(folders, cache, null);
                List<BgrImage> faces = new ArrayList<>(set.size());
                for (int i = 0; i < set.size(); i++) {
                    faces.add(set.face(i));
                }
                String name = String.format(Locale.ROOT, "%s (%d people, %d faces)", path, set.identities().size(),
                        set.size());
                try {
                    s = new Source(name, faces, VerificationPairs.sample(set.labels(), 3000, seed));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("guard " + path + ": " + e.getMessage(), e);
                }
                if (!set.report().rejected().isEmpty()) {
                    log.accept("guard " + path + ": " + set.report().summary());
                }
            }
            sources.add(s);
        }
        return new GuardSet(sources, seed);
    }

    /** At most {@code max} images, taking whole identities in a seeded order so same-person pairs remain. */
    static IdentityFolders capped(IdentityFolders all, int max, long seed) {
        if (all.size() <= max) {
            return all;
        }
        List<String> order = new ArrayList<>(all.identities());
        Collections.shuffle(order, new Random(seed));
        var byIdentity = all.byIdentity();
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String id : order) {
            List<Path> images = byIdentity.get(id);
            if (files.size() + images.size() > max && ids.size() >= 2) {
                break;
            }
            for (Path image : images) {
                files.add(image);
                labels.add(ids.size());
            }
            ids.add(id);
        }
        return new IdentityFolders(all.root(), ids, files, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Each source's embeddings under {@code model}. */
    public List<float[][]> embed(ModelEvaluator model) {
        return sources.stream().map(s -> model.embed(s.faces())).toList();
    }

    /**
     * The sources none of whose faces is a copy of a training face under the parent (cosine at least
     * {@link #COPY_COSINE}): a gallery's exported crops, or a data set copied rather than linked, are
     * caught here. A source with a copy is dropped, with a line saying so; none left is an error.
     *
     * @param embeddings this set's embeddings under the parent ({@link #embed})
     * @param training the parent's (unit) embeddings of the training faces
     */
    public Independent independentOf(List<float[][]> embeddings, float[][] training, Consumer<String> log) {
        List<Source> kept = new ArrayList<>();
        List<float[][]> keptEmbeddings = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            double max = -1;
            for (float[] g : embeddings.get(s)) {
                for (float[] t : training) {
                    max = Math.max(max, EmbeddingMath.dot(g, t));
                }
            }
            if (max >= COPY_COSINE) {
                dropped.add(sources.get(s).name());
                log.accept(String.format(Locale.ROOT, "guard: dropping %s, it holds copies of training faces (parent"
                        + " cosine %.3f)", sources.get(s).name(), max));
            } else {
                kept.add(sources.get(s));
                keptEmbeddings.add(embeddings.get(s));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no independent guard source: " + String.join(", ", dropped)
                    + " hold(s) copies of the training faces. Give --guard DIR|PACK.bin with faces from another data"
                    + " set, or --no-guard to fine-tune without the check");
        }
        return new Independent(new GuardSet(kept, seed), keptEmbeddings);
    }

    /** The sources kept by {@link #independentOf} and the parent's embeddings of their faces. */
    public record Independent(GuardSet set, List<float[][]> parentEmbeddings) {}

    /** Verification over all sources' pairs, given each source's embeddings. */
    public VerificationReport verify(List<float[][]> embeddings) {
        List<float[]> all = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            int offset = all.size();
            all.addAll(List.of(embeddings.get(s)));
            VerificationPairs p = sources.get(s).pairs();
            for (int i = 0; i < p.size(); i++) {
                pairs.add(new int[] {offset + p.left()[i], offset + p.right()[i]});
                same.add(p.same()[i]);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] left = new int[order.size()];
        int[] right = new int[order.size()];
        boolean[] isSame = new boolean[order.size()];
        for (int k = 0; k < order.size(); k++) {
            left[k] = pairs.get(order.get(k))[0];
            right[k] = pairs.get(order.get(k))[1];
            isSame[k] = same.get(order.get(k));
        }
        return ModelEvaluator.verifyEmbedded("guard", all.toArray(float[][]::new), left, right, isSame);
    }

    /** Mean cosine between two models' (unit) embeddings of the same faces, as {@link #embed} returns them. */
    public static double meanCosine(List<float[][]> a, List<float[][]> b) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < a.size(); s++) {
            for (int i = 0; i < a.get(s).length; i++) {
                sum += EmbeddingMath.dot(a.get(s)[i], b.get(s)[i]);
                n++;
            }
        }
        return sum / n;
    }

    public int pairs() {
        return sources.stream().mapToInt(s -> s.pairs().size()).sum();
    }

    /** The sources in words. */
    public String describe() {
        return String.join(" + ", sources.stream().map(Source::name).toList());
    }
}
