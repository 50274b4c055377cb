package io.faceflow.core.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ONNX model node by node and writes it: float initializers, operators in topological
 * order, one float input whose leading (batch) dimension is symbolic, so the file takes any batch,
 * and one output. Writes the protobuf wire format directly with protobuf-java and the field
 * numbers of onnx.proto, as {@link OnnxGraph} reads it.
 */
public final class OnnxGraphWriter {
    /** The operator set the graphs are written against, and the IR version that goes with it. */
    static final int OPSET = 13;
    private static final long IR_VERSION = 7;
    private static final String BATCH = "N";

    // onnx.proto field numbers
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_F = 2;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TYPE_TENSOR_ELEM_TYPE = 1;
    private static final int TYPE_TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;
    // AttributeProto.AttributeType
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    /** One attribute of a node: an int, a float or a list of ints. */
    public record Attribute(String name, int type, float f, long[] ints) {
        public static Attribute of(String name, long value) {
            return new Attribute(name, ATTR_INT, 0, new long[] {value});
        }

        public static Attribute of(String name, float value) {
            return new Attribute(name, ATTR_FLOAT, value, null);
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(name, ATTR_INTS, 0, values);
        }
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private final String input;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();

    /** @param input the graph input's name, the first value nodes can take */
    public OnnxGraphWriter(String input) {
        this.input = input;
    }

    public String input() {
        return input;
    }

    /** Adds a float initializer; returns its name. */
    public String initializer(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(message(out -> {
            for (long d : dims) {
                out.writeInt64(TENSOR_DIMS, d);
            }
            out.writeInt32(TENSOR_DATA_TYPE, OnnxGraph.FLOAT);
            out.writeString(TENSOR_NAME, name);
            out.writeBytes(TENSOR_RAW_DATA, ByteString.copyFrom(raw.array()));
        }));
        return name;
    }

    /** Adds an operator with one output, named {@code name}; returns that name for the next node. */
    public String node(String opType, String name, List<String> inputs, Attribute... attributes) {
        nodes.add(message(out -> {
            for (String in : inputs) {
                out.writeString(NODE_INPUT, in);
            }
            out.writeString(NODE_OUTPUT, name);
            out.writeString(NODE_NAME, name);
            out.writeString(NODE_OP_TYPE, opType);
            for (Attribute a : attributes) {
                out.writeByteArray(NODE_ATTRIBUTE, attribute(a));
            }
        }));
        return name;
    }

    /**
     * Writes the model to {@code file} (atomically): the input of shape {@code [N, inputDims...]},
     * {@code output} of shape {@code [N, outputDims...]}, N symbolic.
     */
    public void write(Path file, long[] inputDims, String output, long[] outputDims) {
        byte[] graph = message(out -> {
            for (byte[] node : nodes) {
                out.writeByteArray(GRAPH_NODE, node);
            }
            out.writeString(GRAPH_NAME, "faceflow");
            for (byte[] tensor : initializers) {
                out.writeByteArray(GRAPH_INITIALIZER, tensor);
            }
            out.writeByteArray(GRAPH_INPUT, valueInfo(input, inputDims));
            out.writeByteArray(GRAPH_OUTPUT, valueInfo(output, outputDims));
        });
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            // The model message goes straight to the file: no second in-memory copy of the weights.
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                CodedOutputStream out = CodedOutputStream.newInstance(stream);
                out.writeInt64(MODEL_IR_VERSION, IR_VERSION);
                out.writeString(MODEL_PRODUCER_NAME, "faceflow");
                out.writeByteArray(MODEL_GRAPH, graph);
                out.writeByteArray(MODEL_OPSET_IMPORT, message(o -> o.writeInt64(OPSET_VERSION, OPSET)));
                out.flush();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write ONNX file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] attribute(Attribute a) {
        return message(out -> {
            out.writeString(ATTRIBUTE_NAME, a.name());
            switch (a.type()) {
                case ATTR_FLOAT -> out.writeFloat(ATTRIBUTE_F, a.f());
                case ATTR_INT -> out.writeInt64(ATTRIBUTE_I, a.ints()[0]);
                default -> {
                    for (long v : a.ints()) {
                        out.writeInt64(ATTRIBUTE_INTS, v);
                    }
                }
            }
            out.writeEnum(ATTRIBUTE_TYPE, a.type());
        });
    }

    /** A float tensor's name and shape, its first dimension the symbolic batch. */
    private static byte[] valueInfo(String name, long[] dims) {
        byte[] shape = message(out -> {
            out.writeByteArray(SHAPE_DIM, message(d -> d.writeString(DIM_PARAM, BATCH)));
            for (long dim : dims) {
                out.writeByteArray(SHAPE_DIM, message(d -> d.writeInt64(DIM_VALUE, dim)));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(TYPE_TENSOR_ELEM_TYPE, OnnxGraph.FLOAT);
            out.writeByteArray(TYPE_TENSOR_SHAPE, shape);
        });
        return message(out -> {
            out.writeString(VALUE_INFO_NAME, name);
            out.writeByteArray(VALUE_INFO_TYPE, message(t -> t.writeByteArray(TYPE_TENSOR, tensorType)));
        });
    }

    private static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
    }
}
