package io.faceflow.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.InputSpec;
import io.faceflow.testkit.TestResources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained ONNX recogniser is exported with batch dimension 1; any batch size must still
 * work, and chunks run side by side on several threads must come back in order, each unchanged.
 */
class FixedBatchModelTest {
    @TempDir
    Path dir;

    @Test
    void fixedBatchOneModelEmbedsAnyNumberOfCrops() {
        ModelBundle.importForeign(dir, TestResources.pretrainedRecognizer(), WeightsFormat.ONNX, "mobilefacenet", 512,
                InputSpec.MOBILEFACENET, EmbeddingProtocol.PLAIN);
        List<BgrImage> crops = RandomCrops.of(11, 3);
        try (RecognitionModel model = RecognitionModel.load(dir, ModelOptions.CPU.withInferenceThreads(3));
                RecognitionModel sequential = RecognitionModel.load(dir, ModelOptions.CPU.withInferenceThreads(1))) {
            assertEquals(1, model.fixedBatch(), "read from the ONNX input shape");
            float[][] batched = new FaceEmbedder(model, 32).embed(crops);
            FaceEmbedder single = new FaceEmbedder(sequential, 1);
            assertEquals(11, batched.length);
            for (int i = 0; i < crops.size(); i++) {
                assertArrayEquals(single.embed(crops.get(i)), batched[i], 1e-5f, "crop " + i);
            }
        }
    }
}
