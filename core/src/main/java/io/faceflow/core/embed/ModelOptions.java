package io.faceflow.core.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Where and how a recognition model runs.
 *
 * @param device {@code auto} (a GPU when the engine sees one, else the CPU), {@code cpu},
 *     {@code gpu} or {@code gpu:N}
 * @param fp16 run in half precision; applies on a GPU only, the CPU always runs float32
 * @param foldBatchNorm run trained iResNets with batch norm folded into their convolutions (the same
 *     embeddings to float rounding, fewer operations); off only to measure the difference
 * @param inferenceThreads CPU threads an ONNX model's forward passes use, 0 = one per processor. A
 *     network exported with a fixed batch (fr_feature.onnx takes 1x3x112x112) runs that many
 *     passes at once, each on a single thread: ONNX Runtime's own second thread made a batch-1
 *     MobileFaceNet pass no faster here and spun a core while idle, starving face detection
 *     (docs/performance.md). A network that takes any batch runs one pass on that many threads.
 *     The PyTorch engine keeps its own setting ({@code OMP_NUM_THREADS}).
 * @param servingCopy on a CPU, embed with the bundle's serving copy when it has one (the same
 *     weights in ONNX, for ONNX Runtime); off only to measure the main weights' engine
 */
public record ModelOptions(String device, boolean fp16, boolean foldBatchNorm, int inferenceThreads,
        boolean servingCopy) {
    public static final ModelOptions DEFAULT = new ModelOptions("auto", true);
    public static final ModelOptions CPU = new ModelOptions("cpu", false);

    public ModelOptions(String device, boolean fp16) {
        this(device, fp16, true);
    }

    public ModelOptions(String device, boolean fp16, boolean foldBatchNorm) {
        this(device, fp16, foldBatchNorm, 0, true);
    }

    public ModelOptions {
        if (device == null || device.isBlank()) {
            device = "auto";
        }
        if (inferenceThreads < 0) {
            throw new IllegalArgumentException("inference threads must be >= 0 (0 = one per processor), got "
                    + inferenceThreads);
        }
    }

    public ModelOptions withInferenceThreads(int threads) {
        return new ModelOptions(device, fp16, foldBatchNorm, threads, servingCopy);
    }

    public ModelOptions withServingCopy(boolean use) {
        return new ModelOptions(device, fp16, foldBatchNorm, inferenceThreads, use);
    }

    /** {@link #inferenceThreads()} with 0 resolved to this machine's processor count. */
    public int resolvedInferenceThreads() {
        return inferenceThreads > 0 ? inferenceThreads : Runtime.getRuntime().availableProcessors();
    }

    /** The DJL device for {@code engineName}. */
    public Device resolve(String engineName) {
        String d = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (d.equals("auto")) {
            return Engine.getEngine(engineName).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        if (d.equals("cpu")) {
            return Device.cpu();
        }
        if (d.equals("gpu") || d.startsWith("gpu:")) {
            int id = d.equals("gpu") ? 0 : Integer.parseInt(d.substring(4));
            int gpus = Engine.getEngine(engineName).getGpuCount();
            if (id >= gpus) {
                throw new IllegalArgumentException("device " + device + " asked for, but the " + engineName
                        + " engine sees " + gpus + " GPU(s); use --device cpu or install a CUDA build of libtorch");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + device + "'; use auto, cpu, gpu or gpu:N");
    }
}
