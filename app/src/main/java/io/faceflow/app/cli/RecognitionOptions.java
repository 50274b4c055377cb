package io.faceflow.app.cli;

import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Recognition-model options shared by every command that embeds faces. How crops are embedded
 * (flip-averaged or not) is the bundle's, not an option here: gallery and probes must match.
 */
public final class RecognitionOptions {
    @Mixin
    ModelOption model;

    @Mixin
    DeviceOption device;

    /** The bundle this command loads, once known. */
    private Path bundle;

    @Option(names = "--fp16", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Half precision on a GPU (default: on; the CPU always runs float32).")
    boolean fp16;

    @Mixin
    BatchOption batch;

    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "0",
            description = "CPU threads for an ONNX model's forward passes (default: ${DEFAULT-VALUE} = one per processor).")
    int inferenceThreads;

    /** The --model bundle, else the pretrained one (made from the local fr_feature.onnx when needed). */
    public Path bundle() {
        if (bundle == null) {
            bundle = model.orPretrained(null, System.err::println);
        }
        return bundle;
    }

    public int batch() {
        return batch.size();
    }

    public RecognitionModel load() {
        return load(bundle());
    }

    /** Another bundle (an announced model version) on the same device and precision. */
    public RecognitionModel load(Path other) {
        return RecognitionModel.load(other, new ModelOptions(device.device(), fp16).withInferenceThreads(inferenceThreads));
    }

    public FaceEmbedder embedder(RecognitionModel model) {
        return new FaceEmbedder(model, batch.size());
    }
}
