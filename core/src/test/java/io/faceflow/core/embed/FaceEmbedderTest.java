package io.faceflow.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.IResNetArch;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceEmbedderTest {
    @TempDir
    static Path dir;
    static RecognitionModel model;
    /** The same weights under the flip-averaging protocol. */
    static RecognitionModel flipModel;

    @BeforeAll
    static void load() {
        ModelBundle.initRandom(dir, IResNetArch.IRESNET18, 5);
        model = RecognitionModel.load(dir, ModelOptions.CPU);
        Path flip = dir.resolve("flip");
        ModelBundle.initRandom(flip, IResNetArch.IRESNET18, 5);
        BundleManifest plain = ModelBundle.readManifest(flip);
        ModelBundle.writeManifest(flip, plain.withEmbedding(EmbeddingProtocol.FLIP_AVERAGED, plain.version() + "-flip"));
        flipModel = RecognitionModel.load(flip, ModelOptions.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
        flipModel.close();
    }

    private static List<BgrImage> faces(int n) {
        Random random = new Random(42);
        return IntStream.range(0, n).mapToObj(i -> {
            byte[] px = new byte[112 * 112 * 3];
            random.nextBytes(px);
            return new BgrImage(112, 112, px);
        }).toList();
    }

    @Test
    void batchedResultsEqualOneByOne() {
        List<BgrImage> faces = faces(5);
        float[][] batched = new FaceEmbedder(model, 4).embed(faces);
        FaceEmbedder single = new FaceEmbedder(model, 1);
        for (int i = 0; i < faces.size(); i++) {
            assertArrayEquals(single.embed(faces.get(i)), batched[i], 1e-5f, "face " + i);
        }
    }

    @Test
    void embeddingsAreUnitLength() {
        for (float[] e : new FaceEmbedder(flipModel, 8).embed(faces(3))) {
            assertEquals(512, e.length);
            assertEquals(1.0, Vectors.dot(e, e), 1e-5);
        }
    }

    @Test
    void flipAveragingIsTheNormalisedSumOfBothViews() {
        BgrImage face = faces(1).get(0);
        float[] raw = model.forward(List.of(face))[0];
        float[] mirrored = model.forward(List.of(face.flipHorizontal()))[0];
        float[] expected = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            expected[i] = raw[i] + mirrored[i];
        }
        Vectors.normalize(expected);
        float[] averaged = new FaceEmbedder(flipModel, 8).embed(face);
        assertArrayEquals(expected, averaged, 1e-5f);
        assertTrue(flipModel.version().endsWith("-flip"), "a protocol change is a version change");
        assertFalse(java.util.Arrays.equals(averaged, new FaceEmbedder(model, 8).embed(face)));
        // Flip-averaged embeddings of a face and of its mirror image coincide.
        assertArrayEquals(averaged, new FaceEmbedder(flipModel, 8).embed(face.flipHorizontal()), 1e-5f);
    }

    @Test
    void wrongCropSizeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(List.of(new BgrImage(100, 100, new byte[100 * 100 * 3]))));
        assertEquals("model expects 112x112 aligned crops, got 100x100", e.getMessage());
    }
}
