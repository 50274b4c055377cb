package io.faceflow.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.core.model.InputSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void initBundle() {
        bundle = dir.resolve("iresnet18");
        ModelBundle.initRandom(bundle, IResNetArch.IRESNET18, 11);
    }

    static List<BgrImage> crops(int n, long seed) {
        Random random = new Random(seed);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            byte[] px = new byte[112 * 112 * 3];
            random.nextBytes(px);
            return new BgrImage(112, 112, px);
        }).toList();
    }

    @Test
    void manifestDescribesAnUntrainedIresnet() {
        BundleManifest m = ModelBundle.readManifest(bundle);
        assertEquals("iresnet18", m.architecture());
        assertEquals(512, m.embeddingSize());
        assertTrue(m.untrained());
        assertEquals(WeightsFormat.DJL, m.format());
        assertEquals(ModelBundle.sha256(bundle.resolve(m.weightsFile())), m.weightsSha256());
        assertTrue(m.version().startsWith("iresnet18-untrained-"), m.version());
    }

    @Test
    void roundTripGivesIdenticalEmbeddings() {
        List<BgrImage> faces = crops(3, 1);
        try (RecognitionModel first = RecognitionModel.load(bundle, ModelOptions.CPU)) {
            Path copy = dir.resolve("copy");
            BundleManifest saved = ModelBundle.save(copy, first.block(), first.manifest().withWeights(null, null, null));
            assertEquals(first.manifest().weightsSha256(), saved.weightsSha256(), "same weights, same checksum");
            try (RecognitionModel second = RecognitionModel.load(copy, ModelOptions.CPU)) {
                float[][] a = new FaceEmbedder(first, 8).embed(faces);
                float[][] b = new FaceEmbedder(second, 8).embed(faces);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 0f);
                }
            }
        }
    }

    @Test
    void corruptedWeightsAreRejected() throws IOException {
        Path broken = dir.resolve("broken");
        ModelBundle.initRandom(broken, IResNetArch.IRESNET18, 3);
        Path weights = broken.resolve(ModelBundle.DJL_WEIGHTS);
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> RecognitionModel.load(broken, ModelOptions.CPU));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void folderWithoutManifestIsNotABundle() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecognitionModel.load(dir.resolve("nothing"),
                ModelOptions.CPU));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }

    @Test
    void torchScriptModelLoadsAsARecognitionModel() throws Exception {
        assertForeignModelEmbeds("tiny.pt", WeightsFormat.TORCHSCRIPT);
    }

    @Test
    void onnxModelLoadsAsARecognitionModel() throws Exception {
        assertForeignModelEmbeds("tiny.onnx", WeightsFormat.ONNX);
    }

    private static void assertForeignModelEmbeds(String file, WeightsFormat format) throws Exception {
        Path source = Path.of(ModelBundleTest.class.getResource("/foreign/" + file).toURI());
        Path imported = dir.resolve(format.id());
        BundleManifest m = ModelBundle.importForeign(imported, source, format, "tiny", 512, InputSpec.ARCFACE,
                EmbeddingProtocol.PLAIN);
        assertEquals(format, ModelBundle.readManifest(imported).format());
        assertTrue(Files.isRegularFile(imported.resolve(m.weightsFile())));
        try (RecognitionModel model = RecognitionModel.load(imported, ModelOptions.CPU)) {
            List<BgrImage> faces = crops(3, 5);
            float[][] batch = new FaceEmbedder(model, 8).embed(faces);
            float[] single = new FaceEmbedder(model, 1).embed(faces.get(2));
            assertEquals(512, batch[0].length);
            assertArrayEquals(batch[2], single, 1e-5f);
            assertTrue(Math.abs(batch[0][0] - batch[1][0]) > 0, "different faces, different embeddings");
        }
    }
}
