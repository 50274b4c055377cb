package io.faceflow.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.data.OrlFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model-driven evaluator on real ORL faces with an untrained iresnet18 (numbers only need to be in range). */
class ModelEvaluatorTest {
    @TempDir
    static Path dir;

    static Path bundle;

    @BeforeAll
    static void makeBundle() {
        bundle = dir.resolve("model");
        ModelBundle.initRandom(bundle, IResNetArch.IRESNET18, 11);
    }

    @Test
    void lfwStylePairsOverOrl() throws Exception {
        Path orl = OrlFolders.link(dir.resolve("orl"), 31, 34);
        // LFW layout Name/Name_0001.jpg: copies of the ORL files (the decoder goes by content, not name).
        Path images = dir.resolve("lfw");
        StringBuilder pairs = new StringBuilder("2 4\n");
        for (int s = 31; s <= 34; s++) {
            Files.createDirectories(images.resolve("s" + s));
            for (int k = 1; k <= 10; k++) {
                Files.copy(orl.resolve("s" + s + "/" + k + ".pgm"), images.resolve(String.format("s%d/s%d_%04d.jpg", s, s, k)));
            }
        }
        for (int fold = 0; fold < 2; fold++) {
            for (int i = 0; i < 4; i++) {
                int s = 31 + (fold * 2 + i) % 4;
                pairs.append("s").append(s).append(' ').append(1 + i + fold).append(' ').append(5 + i).append('\n');
            }
            for (int i = 0; i < 4; i++) {
                int a = 31 + i;
                int b = 31 + (i + 1 + fold) % 4;
                pairs.append("s").append(a).append(' ').append(1 + i).append(" s").append(b).append(' ').append(2 + i).append('\n');
            }
        }
        Path file = dir.resolve("pairs.txt");
        Files.writeString(file, pairs);
        try (RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU)) {
            ModelEvaluator evaluator = new ModelEvaluator(model, 16);
            AlignedFaceCache cache = new AlignedFaceCache(null, CropMode.ALIGNED, () -> null, true);
            VerificationReport r = evaluator.verifyLfw("orl-pairs", LfwPairs.parse(file), images, cache);
            assertEquals(16, r.pairs());
            double acc = r.accuracy().accuracyMean();
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            Path png = dir.resolve("roc.png");
            RocPlot.write(java.util.List.of(r.roc()), "test", png);
            assertTrue(Files.size(png) > 1000);

            Files.writeString(file, "1 1\ns31 1 2\nnobody 1 s31 3\n");
            Exception e = assertThrows(IllegalArgumentException.class,
                    () -> evaluator.verifyLfw("x", LfwPairs.parse(file), images, cache));
            assertTrue(e.getMessage().contains("nobody/nobody_0001.jpg: file not found"), e.getMessage());
        }
    }

    @Test
    void identificationAndSampledPairsOnIdentityFolders() throws Exception {
        Path orl = OrlFolders.link(dir.resolve("ident"), 35, 40);
        FolderFaceSet set = FolderFaceSet.load(IdentityFolders.scan(orl, 2),
                new AlignedFaceCache(null, CropMode.ALIGNED, () -> null), null);
        try (RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU)) {
            SetEvaluation e = new ModelEvaluator(model, 30).evaluateSet("orl", set,
                    IntStream.range(0, set.size()).toArray(), new EvalSettings(100, 1, 0.34, 0));
            assertEquals(60, e.images());
            assertEquals(200, e.verification().pairs());
            IdentificationResult id = e.identification();
            assertEquals(2 * 10, id.nonMatedProbes(), "2 of 6 identities unenrolled");
            assertEquals(4 * 9, id.matedProbes());
            assertTrue(id.rank1() >= 0 && id.rank1() <= id.rank5() && id.rank5() <= 1);
            assertEquals(2, id.openSet().size());
        }
    }

    @Test
    void binPackPairs() throws Exception {
        Path orl = OrlFolders.link(dir.resolve("pack"), 31, 35);
        java.util.List<byte[]> images = new java.util.ArrayList<>();
        boolean[] same = new boolean[10];
        for (int i = 0; i < 10; i++) {
            int s = 31 + i % 5;
            int other = i < 5 ? s : 31 + (i + 1) % 5;
            images.add(Files.readAllBytes(orl.resolve("s" + s + "/1.pgm")));
            images.add(Files.readAllBytes(orl.resolve("s" + other + "/2.pgm")));
            same[i] = i < 5;
        }
        try (RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU)) {
            VerificationReport r = new ModelEvaluator(model, 20).verifyPack("pack", new VerificationPack(images, same));
            assertEquals(10, r.pairs());
            assertEquals(10, r.accuracy().foldAccuracies().length);
            images.set(3, new byte[] {1, 2, 3});
            Exception e = assertThrows(IllegalArgumentException.class,
                    () -> new ModelEvaluator(model, 20).verifyPack("pack", new VerificationPack(images, same)));
            assertTrue(e.getMessage().contains("image 3"), e.getMessage());
        }
    }

    @Test
    void sampledPairsAreBalancedAndSeeded() {
        int[] labels = {0, 0, 0, 1, 1, 2, 2, 2};
        VerificationPairs p = VerificationPairs.sample(labels, 100, 4);
        long same = 0;
        for (int i = 0; i < p.size(); i++) {
            assertEquals(p.same()[i], labels[p.left()[i]] == labels[p.right()[i]]);
            same += p.same()[i] ? 1 : 0;
        }
        assertEquals(7, same, "3 + 1 + 3 same-identity pairs");
        assertEquals(14, p.size());
        assertEquals(java.util.Arrays.toString(p.left()), java.util.Arrays.toString(VerificationPairs.sample(labels, 100, 4).left()));
        assertThrows(IllegalArgumentException.class, () -> VerificationPairs.sample(new int[] {0, 1, 2}, 10, 1));
    }
}
