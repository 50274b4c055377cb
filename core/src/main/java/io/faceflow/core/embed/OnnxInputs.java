package io.faceflow.core.embed;

import ai.djl.engine.Engine;
import ai.onnxruntime.NodeInfo;
import io.faceflow.core.bundle.WeightsFormat;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;

/**
 * Reads an ONNX file's declared input shape. DJL's ONNX block names its inputs but leaves their
 * shapes empty, so the batch dimension is read from ONNX Runtime's own session metadata.
 */
final class OnnxInputs {
    private OnnxInputs() {}

    /** The fixed leading (batch) dimension of the first input, or 0 when it is dynamic. */
    static int fixedBatch(Path onnxFile) {
        // DJL's engine creates the process's one ONNX Runtime environment with its thread settings
        // and fails if another exists, so it must come first.
        Engine.getEngine(WeightsFormat.ONNX.engine());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = OrtEnvironment.getEnvironment().createSession(onnxFile.toString(), options)) {
            NodeInfo first = session.getInputInfo().values().iterator().next();
            if (first.getInfo() instanceof TensorInfo tensor && tensor.getShape().length == 4
                    && tensor.getShape()[0] > 0) {
                return (int) tensor.getShape()[0];
            }
            return 0;
        } catch (OrtException e) {
            throw new IllegalArgumentException("could not read the input shape of " + onnxFile + ": " + e.getMessage(), e);
        }
    }
}
