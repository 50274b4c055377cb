package io.faceflow.core.bundle;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a bundle's weights file is stored, and so which engine runs it. */
public enum WeightsFormat {
    /** faceflow's own iResNet as DJL block parameters (trainable). */
    DJL("PyTorch"),
    /** A TorchScript file exported from PyTorch (inference only). */
    TORCHSCRIPT("PyTorch"),
    /** An ONNX file (inference only, DJL's OnnxRuntime engine). */
    ONNX("OnnxRuntime");

    private final String engine;

    WeightsFormat(String engine) {
        this.engine = engine;
    }

    public String engine() {
        return engine;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static WeightsFormat parse(String id) {
        for (WeightsFormat f : values()) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown weights format '" + id + "'; expected djl, torchscript or onnx");
    }
}
