package io.faceflow.training.eval;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.InvalidImageException;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.data.PreparedFace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a loaded model: verification on LFW-style pairs, a .bin pack or pairs drawn from a
 * labelled set, and identification on a gallery/probe split. Every image is embedded once, the way
 * the bundle's embedding protocol says (faceflow-trained bundles flip-average, as the ElasticFace
 * evaluation protocol prescribes), so the figures hold for the embeddings the product searches.
 */
public final class ModelEvaluator {
    private final FaceEmbedder embedder;

    public ModelEvaluator(RecognitionModel model, int batchSize) {
        this.embedder = new FaceEmbedder(model, batchSize);
    }

    public float[][] embed(List<BgrImage> faces) {
        return embedder.embed(faces);
    }

    /** Verification of pairs (left[i], right[i]) of {@code faces}. */
    public VerificationReport verify(String name, List<BgrImage> faces, int[] left, int[] right, boolean[] same) {
        return verifyEmbedded(name, embed(faces), left, right, same);
    }

    /** Verification of pairs (left[i], right[i]) of embeddings already computed. */
    public static VerificationReport verifyEmbedded(String name, float[][] embeddings, int[] left, int[] right,
            boolean[] same) {
        float[][] l = new float[left.length][];
        float[][] r = new float[right.length][];
        for (int i = 0; i < left.length; i++) {
            l[i] = embeddings[left[i]];
            r[i] = embeddings[right[i]];
        }
        return VerificationReport.of(name, EmbeddingMath.pairDistances(l, r), same);
    }

    /** A .bin pack: images 2i and 2i+1 form pair i; crops are used as stored (resized to 112 if needed). */
    public VerificationReport verifyPack(String name, VerificationPack pack) {
        VerificationPairs pairs = pack.pairList();
        return verify(name, packFaces(name, pack), pairs.left(), pairs.right(), pairs.same());
    }

    /** A pack's images as aligned faces (used as stored, resized to 112 if another size). */
    public static List<BgrImage> packFaces(String name, VerificationPack pack) {
        ImageDecoder decoder = new ImageDecoder();
        List<BgrImage> faces = new ArrayList<>(pack.images().size());
        for (int i = 0; i < pack.images().size(); i++) {
            try {
                faces.add(FaceAligner.asAligned(decoder.decode(pack.images().get(i))));
            } catch (InvalidImageException e) {
                throw new IllegalArgumentException(name + ": image " + i + " of the pack is unreadable: " + e.getMessage(), e);
            }
        }
        return faces;
    }

    /**
     * LFW-style pairs over {@code imagesDir}: each distinct image is prepared once through
     * {@code cache}. A pair whose image yields no face cannot be scored; rather than silently
     * changing the protocol, that is an error naming the files.
     */
    public VerificationReport verifyLfw(String name, List<LfwPair> pairs, Path imagesDir, AlignedFaceCache cache) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<BgrImage> faces = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] left = new int[pairs.size()];
        int[] right = new int[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            LfwPair p = pairs.get(i);
            left[i] = imageIndex(p.leftPath(), imagesDir, cache, index, faces, problems);
            right[i] = imageIndex(p.rightPath(), imagesDir, cache, index, faces, problems);
            same[i] = p.same();
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " pair image(s) unusable under " + imagesDir + ": "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; ..." : "") + " (try --crop-mode detect-or-resize or aligned)");
        }
        return verify(name, faces, left, right, same);
    }

    private static int imageIndex(String relative, Path dir, AlignedFaceCache cache, Map<String, Integer> index,
            List<BgrImage> faces, List<String> problems) {
        Integer known = index.get(relative);
        if (known != null) {
            return known;
        }
        Path file = dir.resolve(relative);
        int slot = faces.size();
        index.put(relative, slot);
        if (!Files.isRegularFile(file)) {
            problems.add(relative + ": file not found");
            faces.add(null);
            return slot;
        }
        PreparedFace p = cache.prepare(file);
        if (!p.ok()) {
            problems.add(relative + ": " + p.rejection());
        }
        faces.add(p.face());
        return slot;
    }

    /** Verification on pairs drawn from the images {@code indices} of {@code set}. */
    public VerificationReport verifySampled(String name, FaceSet set, int[] indices, int maxSame, long seed) {
        List<BgrImage> faces = new ArrayList<>(indices.length);
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            faces.add(set.face(indices[k]));
            labels[k] = set.label(indices[k]);
        }
        VerificationPairs pairs = VerificationPairs.sample(labels, maxSame, seed);
        return verify(name, faces, pairs.left(), pairs.right(), pairs.same());
    }

    /**
     * Both protocols on the images {@code indices} of {@code set}, embedding each image once:
     * sampled verification pairs and a gallery/probe split for identification.
     */
    public SetEvaluation evaluateSet(String name, FaceSet set, int[] indices, EvalSettings settings) {
        List<BgrImage> faces = new ArrayList<>(indices.length);
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            faces.add(set.face(indices[k]));
            labels[k] = set.label(indices[k]);
        }
        float[][] e = embed(faces);
        VerificationPairs pairs = VerificationPairs.sample(labels, settings.maxSamePairs(), settings.seed());
        VerificationReport verification = verifyEmbedded(name, e, pairs.left(), pairs.right(), pairs.same());
        GalleryProbeSplit split = GalleryProbeSplit.of(labels, settings.galleryPerIdentity(),
                settings.unenrolledFraction(), settings.seed());
        IdentificationResult identification = Identification.evaluate(pick(e, split.gallery()),
                pick(labels, split.gallery()), pick(e, split.probes()), pick(labels, split.probes()));
        return new SetEvaluation(name, indices.length, verification, identification);
    }

    static float[][] pick(float[][] all, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    static int[] pick(int[] all, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }
}
