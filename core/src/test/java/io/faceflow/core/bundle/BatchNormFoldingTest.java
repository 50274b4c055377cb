package io.faceflow.core.bundle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.IResNetArch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained iResNets run with batch norm folded in: the same embeddings on real faces. */
class BatchNormFoldingTest {
    @TempDir
    Path dir;

    @Test
    void foldedEmbeddingsEqualTheUnfoldedOnesOnRealFaces() throws Exception {
        Path bundle = bundleWithTrainedLookingNorms(IResNetArch.IRESNET18, dir);
        List<BgrImage> faces = OnnxImportTest.realFaces(8);
        try (RecognitionModel folded = RecognitionModel.load(bundle, ModelOptions.CPU);
                RecognitionModel plain = RecognitionModel.load(bundle, new ModelOptions("cpu", false, false))) {
            float[][] a = folded.forward(faces);
            float[][] b = plain.forward(faces);
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < a[i].length; k++) {
                    worst = Math.max(worst, Math.abs(a[i][k] - b[i][k]));
                    scale = Math.max(scale, Math.abs(b[i][k]));
                }
            }
            assertTrue(worst <= 1e-4 * Math.max(1, scale), "largest difference " + worst + " (largest value " + scale + ")");
            assertTrue(norms(folded.network()) < norms(plain.network()) / 2, "most batch norms are gone");
            assertTrue(norms(folded.block()) == norms(plain.block()), "the bundle's own network is left as trained");
        }
    }

    private static long norms(Block block) {
        return block.getParameters().stream().filter(p -> p.getValue().getType() == Parameter.Type.RUNNING_MEAN).count();
    }

    /**
     * An iResNet whose batch norms hold non-trivial statistics and affine terms and whose PReLU
     * slopes differ per channel, as after training (a fresh one has mean 0, variance 1, scale 1,
     * shift 0 and slopes of 0.25, which any folding or export reproduces), saved into {@code dir}.
     */
    static Path bundleWithTrainedLookingNorms(IResNetArch arch, Path dir) {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        Random random = new Random(7);
        Block backbone = arch.build(0f);
        try (Model model = Model.newInstance("bn", Device.cpu(), "PyTorch")) {
            model.setBlock(backbone);
            arch.initialize(backbone, model.getNDManager(), DataType.FLOAT32);
            for (var p : backbone.getParameters()) {
                Parameter.Type type = p.getValue().getType();
                NDArray a = p.getValue().getArray();
                float[] v = new float[Math.toIntExact(a.size())];
                boolean touch = true;
                for (int i = 0; i < v.length; i++) {
                    switch (type) {
                        case GAMMA -> v[i] = 0.5f + random.nextFloat();
                        case BETA, RUNNING_MEAN -> v[i] = (float) (0.2 * random.nextGaussian());
                        case RUNNING_VAR -> v[i] = 0.3f + random.nextFloat();
                        case OTHER -> v[i] = 0.05f + 0.4f * random.nextFloat(); // PReLU slopes
                        default -> touch = false;
                    }
                }
                if (touch) {
                    a.set(FloatBuffer.wrap(v));
                }
            }
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "bn-test", null,
                    WeightsFormat.DJL, arch.id(), 512, 0, arch.input(), null, null, false, null, null, Map.of(), null,
                    Instant.now().toString(), EmbeddingProtocol.PLAIN, null, null);
            ModelBundle.save(dir, backbone, manifest);
        }
        return dir;
    }
}
