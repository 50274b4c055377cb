package io.faceflow.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.ChannelPrelu;
import io.faceflow.core.model.IResNet;
import io.faceflow.core.onnx.OnnxGraphWriter.Attribute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a DJL {@link IResNet} as an ONNX graph computing what its inference forward pass
 * computes, with its weights as initializers: each block becomes the ONNX operator of the same
 * function (batch norm with its running statistics, as in evaluation; dropout vanishes). The
 * graph takes any batch. ONNX Runtime folds the batch norms after convolutions itself when it
 * loads the file, so the graph keeps the trained layout, one node per block.
 */
public final class IResNetOnnx {
    private static final String INPUT = "input";
    /** Names of the DJL lambda blocks an iResNet is built with ({@code Blocks.identityBlock}, {@code batchFlattenBlock}). */
    private static final String IDENTITY = "identity";
    private static final String FLATTEN = "batchFlatten";

    private final OnnxGraphWriter graph = new OnnxGraphWriter(INPUT);
    private int nodes;

    private IResNetOnnx() {}

    /**
     * Writes {@code backbone} (an initialised iResNet) to {@code file}; fails naming the first
     * block that has no ONNX counterpart here.
     */
    public static void write(Block backbone, Path file) {
        IResNetOnnx writer = new IResNetOnnx();
        String output = writer.emit(backbone, INPUT);
        int size = Backbone.INPUT_SIZE;
        writer.graph.write(file, new long[] {3, size, size}, output, new long[] {Backbone.EMBEDDING_SIZE});
    }

    /** Adds the nodes computing {@code block} on the value {@code x}; returns the value they produce. */
    private String emit(Block block, String x) {
        return switch (block) {
            case SequentialBlock s -> {
                String value = x;
                for (var child : s.getChildren()) {
                    value = emit(child.getValue(), value);
                }
                yield value;
            }
            case ParallelBlock p -> residual(p, x);
            case Conv2d c -> conv(c, x);
            case BatchNorm bn -> batchNorm(bn, x);
            case ChannelPrelu prelu -> prelu(prelu, x);
            case Linear linear -> gemm(linear, x);
            case Dropout d -> x; // inference
            case LambdaBlock l when l.getName().equals(IDENTITY) -> x;
            case LambdaBlock l when l.getName().equals(FLATTEN) ->
                    graph.node("Flatten", name("flatten"), List.of(x), Attribute.of("axis", 1L));
            default -> throw new IllegalArgumentException("no ONNX counterpart for the block "
                    + block.getClass().getSimpleName() + (block instanceof LambdaBlock l ? " " + l.getName() : ""));
        };
    }

    /** The iResNet's parallel blocks are residual units: the sum of their two branches. */
    private String residual(ParallelBlock block, String x) {
        List<String> branches = new ArrayList<>();
        block.getChildren().forEach(branch -> branches.add(emit(branch.getValue(), x)));
        if (branches.size() != 2) {
            throw new IllegalArgumentException("a residual unit has 2 branches, found " + branches.size());
        }
        return graph.node("Add", name("add"), branches);
    }

    private String conv(Conv2d conv, String x) {
        String node = name("conv");
        List<String> inputs = new ArrayList<>(List.of(x, weight(node, conv, "weight")));
        if (conv.isIncludeBias()) {
            inputs.add(weight(node, conv, "bias"));
        }
        long[] pad = conv.getPadding().getShape();
        return graph.node("Conv", node, inputs,
                Attribute.ints("kernel_shape", conv.getKernelShape().getShape()),
                Attribute.ints("strides", conv.getStride().getShape()),
                Attribute.ints("pads", pad[0], pad[1], pad[0], pad[1]),
                Attribute.ints("dilations", conv.getDilation().getShape()),
                Attribute.of("group", (long) conv.getGroups()));
    }

    private String batchNorm(BatchNorm bn, String x) {
        String node = name("bn");
        return graph.node("BatchNormalization", node,
                List.of(x, weight(node, bn, "gamma"), weight(node, bn, "beta"), weight(node, bn, "runningMean"),
                        weight(node, bn, "runningVar")),
                Attribute.of("epsilon", IResNet.BN_EPSILON));
    }

    /** One slope per channel, shaped C x 1 x 1 so ONNX broadcasts it over N x C x H x W. */
    private String prelu(ChannelPrelu prelu, String x) {
        String node = name("prelu");
        NDArray alpha = parameter(prelu, "alpha");
        String slope = graph.initializer(node + ".alpha", new long[] {alpha.size(), 1, 1}, alpha.toFloatArray());
        return graph.node("PRelu", node, List.of(x, slope));
    }

    /** DJL's Linear computes x W^T + b with W of shape units x inputs. */
    private String gemm(Linear linear, String x) {
        String node = name("gemm");
        return graph.node("Gemm", node, List.of(x, weight(node, linear, "weight"), weight(node, linear, "bias")),
                Attribute.of("transB", 1L));
    }

    /** The block's parameter as an initializer of its own shape, named after the node. */
    private String weight(String node, Block block, String parameter) {
        NDArray value = parameter(block, parameter);
        return graph.initializer(node + "." + parameter, value.getShape().getShape(), value.toFloatArray());
    }

    private static NDArray parameter(Block block, String name) {
        for (var p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalArgumentException(block.getClass().getSimpleName() + " has no parameter " + name);
    }

    private String name(String op) {
        return op + nodes++;
    }
}
