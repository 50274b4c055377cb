package io.faceflow.core.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies an ONNX graph's weights onto a DJL network of the same layout. The graph's weighted
 * operators, in file order, must line up one to one with the network's parameters, in block
 * order, with equal shapes (ignoring size-1 axes, so PReLU's {@code C x 1 x 1} fits {@code C}).
 */
public final class OnnxWeights {
    /** Operators that carry weights: every input after the first (the data) is a weight. */
    private static final Set<String> WEIGHTED = Set.of("Conv", "PRelu", "Gemm");
    /** Operators without weights that a plain feed-forward recogniser may contain. */
    private static final Set<String> UNWEIGHTED = Set.of("Add", "Reshape", "Flatten", "Relu");

    private OnnxWeights() {}

    /** The weight tensors in the order the graph uses them. */
    public static List<OnnxGraph.Tensor> inOrder(OnnxGraph graph) {
        List<OnnxGraph.Tensor> weights = new ArrayList<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            if (WEIGHTED.contains(node.opType())) {
                for (String input : node.inputs().subList(1, node.inputs().size())) {
                    OnnxGraph.Tensor t = graph.initializers().get(input);
                    if (t == null || t.values() == null) {
                        throw new IllegalArgumentException(node.opType() + " input " + input
                                + " is not a float initializer: the importer takes models whose weights are constants");
                    }
                    weights.add(t);
                }
            } else if (!UNWEIGHTED.contains(node.opType())) {
                throw new IllegalArgumentException("ONNX operator " + node.opType() + " has no counterpart in the"
                        + " importer (it maps " + WEIGHTED + " and passes " + UNWEIGHTED + ")");
            }
        }
        return weights;
    }

    /** Sets every parameter of the initialised {@code block} from {@code graph}; fails on any mismatch. */
    public static void copyInto(OnnxGraph graph, Block block, String architecture) {
        List<OnnxGraph.Tensor> weights = inOrder(graph);
        List<Parameter> params = matching(weights, block, architecture);
        for (int i = 0; i < weights.size(); i++) {
            params.get(i).getArray().set(FloatBuffer.wrap(weights.get(i).values()));
        }
    }

    /**
     * The reverse of {@link #copyInto}: {@code block}'s parameters under the names of the graph's
     * weight tensors they line up with, to write the block's weights into the same graph.
     */
    public static Map<String, float[]> valuesFrom(Block block, OnnxGraph graph, String architecture) {
        List<OnnxGraph.Tensor> weights = inOrder(graph);
        List<Parameter> params = matching(weights, block, architecture);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            values.put(weights.get(i).name(), params.get(i).getArray().toFloatArray());
        }
        return values;
    }

    /** The block's parameters, one per weight tensor and of its shape; fails naming the first mismatch. */
    private static List<Parameter> matching(List<OnnxGraph.Tensor> weights, Block block, String architecture) {
        List<Pair<String, Parameter>> params = new ArrayList<>();
        block.getParameters().forEach(params::add);
        if (weights.size() != params.size()) {
            throw new IllegalArgumentException("the ONNX graph has " + weights.size() + " weight tensors but "
                    + architecture + " has " + params.size() + " parameters: not the same layout");
        }
        List<Parameter> matched = new ArrayList<>(params.size());
        for (int i = 0; i < weights.size(); i++) {
            OnnxGraph.Tensor t = weights.get(i);
            Parameter p = params.get(i).getValue();
            long[] target = p.getArray().getShape().getShape();
            if (!Arrays.equals(squeeze(t.dims()), squeeze(target))) {
                throw new IllegalArgumentException("ONNX weight #" + i + " " + t.name() + " has shape "
                        + Arrays.toString(t.dims()) + " but " + architecture + "'s parameter "
                        + params.get(i).getKey() + " has " + Arrays.toString(target) + ": not the same layout");
            }
            matched.add(p);
        }
        return matched;
    }

    private static long[] squeeze(long[] dims) {
        return Arrays.stream(dims).filter(d -> d != 1).toArray();
    }
}
