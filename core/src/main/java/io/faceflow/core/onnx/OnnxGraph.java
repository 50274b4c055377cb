package io.faceflow.core.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The computation graph of an ONNX file as far as weight import needs it: the nodes in file order
 * (which ONNX requires to be topological) and the float initializers. Reads the protobuf wire
 * format directly with protobuf-java, using the field numbers of onnx.proto, so no generated code
 * or ONNX runtime is involved.
 */
public record OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers) {

    /** One operator: its type (Conv, PRelu, ...) and the names of its inputs and outputs. */
    public record Node(String opType, List<String> inputs, List<String> outputs) {}

    /** A float initializer; {@code values} is null for other element types. */
    public record Tensor(String name, long[] dims, int dataType, float[] values) {
        public long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    // onnx.proto field numbers
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    /** TensorProto.DataType.FLOAT */
    public static final int FLOAT = 1;

    public static OnnxGraph read(Path file) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(file));
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                    return readGraph(CodedInputStream.newInstance(in.readByteBuffer()), file);
                }
                in.skipField(tag);
            }
            throw new IllegalArgumentException(file + " holds no ONNX graph: is it an ONNX model file?");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read ONNX file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code source} to {@code target} with the float initializers named in {@code values}
     * holding those values instead (as little-endian raw data), every other byte of the model as
     * it was: the same graph, new weights. Fails when a name is missing or a length differs.
     */
    public static void rewriteInitializers(Path source, Path target, Map<String, float[]> values) {
        try {
            Map<String, float[]> left = new LinkedHashMap<>(values);
            CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(source));
            byte[] model = copyReplacing(in, MODEL_GRAPH, graph -> copyReplacing(
                    CodedInputStream.newInstance(graph), GRAPH_INITIALIZER, tensor -> replaceData(tensor, left, source)));
            if (!left.isEmpty()) {
                throw new IllegalArgumentException(source + " has no float initializers named " + left.keySet());
            }
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
            Files.write(tmp, model);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write ONNX file " + target + " from " + source + ": "
                    + e.getMessage(), e);
        }
    }

    private interface Rewrite {
        byte[] apply(ByteBuffer message) throws IOException;
    }

    /** Copies a message field by field; the (length-delimited) fields numbered {@code field} go through {@code rewrite}. */
    private static byte[] copyReplacing(CodedInputStream in, int field, Rewrite rewrite) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == field
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                out.writeByteArray(field, rewrite.apply(in.readByteBuffer()));
            } else {
                in.skipField(tag, out);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The tensor with its data replaced when {@code values} names it (the entry is taken), else as it was. */
    private static byte[] replaceData(ByteBuffer tensor, Map<String, float[]> values, Path source) throws IOException {
        Tensor t = readTensor(CodedInputStream.newInstance(tensor.duplicate()), source);
        float[] replacement = values.remove(t.name());
        if (replacement == null) {
            byte[] same = new byte[tensor.remaining()];
            tensor.get(same);
            return same;
        }
        if (t.dataType() != FLOAT || replacement.length != t.size()) {
            throw new IllegalArgumentException("initializer " + t.name() + " of " + source + " holds " + t.size()
                    + " values of type " + t.dataType() + "; " + replacement.length + " floats do not fit it");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        CodedInputStream in = CodedInputStream.newInstance(tensor);
        for (int tag; (tag = in.readTag()) != 0; ) {
            int number = WireFormat.getTagFieldNumber(tag);
            if (number == TENSOR_FLOAT_DATA || number == TENSOR_RAW_DATA) {
                in.skipField(tag); // the old values: written once below, as raw data
            } else {
                in.skipField(tag, out);
            }
        }
        ByteBuffer raw = ByteBuffer.allocate(replacement.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(replacement);
        out.writeBytes(TENSOR_RAW_DATA, ByteString.copyFrom(raw.array()));
        out.flush();
        return bytes.toByteArray();
    }

    private static OnnxGraph readGraph(CodedInputStream in, Path file) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> nodes.add(readNode(CodedInputStream.newInstance(in.readByteBuffer())));
                case GRAPH_INITIALIZER -> {
                    Tensor t = readTensor(CodedInputStream.newInstance(in.readByteBuffer()), file);
                    initializers.put(t.name(), t);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph(List.copyOf(nodes), Map.copyOf(initializers));
    }

    private static Node readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_OUTPUT -> outputs.add(in.readStringRequireUtf8());
                case NODE_OP_TYPE -> op = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(op, List.copyOf(inputs), List.copyOf(outputs));
    }

    private static Tensor readTensor(CodedInputStream in, Path file) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        List<Float> floats = new ArrayList<>();
        boolean external = false;
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (field) {
                case TENSOR_DIMS -> readRepeated(in, packed, () -> dims.add(in.readInt64()));
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_FLOAT_DATA -> readRepeated(in, packed, () -> floats.add(in.readFloat()));
                case TENSOR_NAME -> name = in.readStringRequireUtf8();
                case TENSOR_RAW_DATA -> raw = in.readByteBuffer();
                case TENSOR_DATA_LOCATION -> external = in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        if (external) {
            throw new IllegalArgumentException(file + ": initializer " + name + " is stored outside the file (ONNX"
                    + " external data); re-save the model with its weights inside");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        float[] values = null;
        if (dataType == FLOAT) {
            if (raw != null) {
                values = new float[raw.remaining() / Float.BYTES];
                raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            } else {
                values = new float[floats.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = floats.get(i);
                }
            }
        }
        Tensor t = new Tensor(name, shape, dataType, values);
        if (values != null && values.length != t.size()) {
            throw new IllegalArgumentException(file + ": initializer " + name + " holds " + values.length
                    + " values but its shape says " + t.size() + "; the file is damaged");
        }
        return t;
    }

    private interface Reader {
        void read() throws IOException;
    }

    /** Repeated scalars come packed (one length-delimited run) or one per tag. */
    private static void readRepeated(CodedInputStream in, boolean packed, Reader one) throws IOException {
        if (!packed) {
            one.read();
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            one.read();
        }
        in.popLimit(limit);
    }
}
