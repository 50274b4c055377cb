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
 */
public record ModelOptions(String device, boolean fp16, boolean foldBatchNorm) {
    public static final ModelOptions DEFAULT = new ModelOptions("auto", true);
    public static final ModelOptions CPU = new ModelOptions("cpu", false);

    public ModelOptions(String device, boolean fp16) {
        this(device, fp16, true);
    }

    public ModelOptions {
        if (device == null || device.isBlank()) {
            device = "auto";
        }
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
