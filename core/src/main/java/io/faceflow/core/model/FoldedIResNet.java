package io.faceflow.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained iResNet for inference with its batch normalisation folded into the neighbouring layers:
 * every convolution followed by a BN becomes one convolution with a bias, and the head's BN2d,
 * Linear and BN1d become one Linear. Fewer operations per forward pass, the same function up to
 * float rounding. The BN that opens each residual block stays: it precedes a zero-padded
 * convolution, so folding it would change the borders.
 */
public final class FoldedIResNet {
    private FoldedIResNet() {}

    /** Builds and fills the folded network from {@code trained} (an {@link IResNet} with loaded weights). */
    public static Block fold(Block trained, IResNetArch arch, NDManager manager) {
        List<NDArray> values = new ArrayList<>();
        SequentialBlock folded = new SequentialBlock();
        List<Block> top = children(trained);
        // stem: conv, BN, PReLU
        folded.add(conv(64, 3, 1)).add(new ChannelPrelu());
        foldConv(top.get(0), top.get(1), values);
        values.add(alpha(top.get(2)));
        int i = 3;
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = IResNetArch.STAGE_WIDTHS[stage];
            for (int b = 0; b < arch.blocksInStage(stage); b++) {
                int stride = b == 0 ? 2 : 1;
                List<Block> branches = children(top.get(i++));
                List<Block> main = children(branches.get(0));
                // main: BN, conv, BN, PReLU, conv, BN
                SequentialBlock foldedMain = new SequentialBlock()
                        .add(IResNet.batchNorm())
                        .add(conv(width, 3, 1)).add(new ChannelPrelu())
                        .add(conv(width, 3, stride));
                values.addAll(bnValues(main.get(0)));
                foldConv(main.get(1), main.get(2), values);
                values.add(alpha(main.get(3)));
                foldConv(main.get(4), main.get(5), values);
                Block shortcut;
                if (stride != 1 || in != width) {
                    List<Block> s = children(branches.get(1));
                    shortcut = new SequentialBlock().add(conv(width, 1, stride));
                    foldConv(s.get(0), s.get(1), values);
                } else {
                    shortcut = Blocks.identityBlock();
                }
                folded.add(new ParallelBlock(FoldedIResNet::sum, List.of(foldedMain, shortcut)));
                in = width;
            }
        }
        // head: BN2d, flatten, dropout, Linear, BN1d
        folded.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(IResNet.EMBEDDING_SIZE).build());
        foldHead(top.get(i), top.get(i + 3), top.get(i + 4), values);

        folded.initialize(manager, DataType.FLOAT32, Backbone.INPUT_SHAPE);
        List<Parameter> params = new ArrayList<>();
        folded.getParameters().forEach(p -> params.add(p.getValue()));
        if (params.size() != values.size()) {
            throw new IllegalStateException("folding produced " + values.size() + " arrays for " + params.size()
                    + " parameters of the folded " + arch.id());
        }
        for (int k = 0; k < params.size(); k++) {
            NDArray target = params.get(k).getArray();
            NDArray value = values.get(k);
            if (!target.getShape().equals(value.getShape())) {
                throw new IllegalStateException("folded parameter " + k + " has shape " + value.getShape()
                        + " where the folded " + arch.id() + " expects " + target.getShape());
            }
            target.set(FloatBuffer.wrap(value.toFloatArray()));
        }
        return folded;
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    private static List<Block> children(Block block) {
        List<Block> out = new ArrayList<>();
        block.getChildren().forEach(p -> out.add(p.getValue()));
        return out;
    }

    private static NDArray param(Block block, String name) {
        for (var p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException(block.getClass().getSimpleName() + " has no parameter " + name);
    }

    private static NDArray alpha(Block prelu) {
        return param(prelu, "alpha");
    }

    private static List<NDArray> bnValues(Block bn) {
        return List.of(param(bn, "gamma"), param(bn, "beta"), param(bn, "runningMean"), param(bn, "runningVar"));
    }

    /** gamma / sqrt(var + eps) of a BN. */
    private static NDArray scale(Block bn) {
        return param(bn, "gamma").div(param(bn, "runningVar").add(IResNet.BN_EPSILON).sqrt());
    }

    /** A bias-free conv followed by a BN as one conv: w * s per output channel, bias beta - mean * s. */
    private static void foldConv(Block conv, Block bn, List<NDArray> values) {
        if (!(conv instanceof Conv2d) || !(bn instanceof BatchNorm)) {
            throw new IllegalStateException("expected conv then batch norm, found " + conv.getClass().getSimpleName()
                    + " then " + bn.getClass().getSimpleName());
        }
        NDArray s = scale(bn);
        values.add(param(conv, "weight").mul(s.reshape(-1, 1, 1, 1)));
        values.add(param(bn, "beta").sub(param(bn, "runningMean").mul(s)));
    }

    /** BN2d over 512 x 7 x 7, then Linear(25088 -> 512), then BN1d, as one Linear. */
    private static void foldHead(Block bn2d, Block linear, Block bn1d, List<NDArray> values) {
        NDArray w = param(linear, "weight"); // [512, 25088]
        NDArray bias = param(linear, "bias");
        long spatial = w.getShape().get(1) / param(bn2d, "gamma").getShape().get(0);
        NDArray a = scale(bn2d);
        NDArray c = param(bn2d, "beta").sub(param(bn2d, "runningMean").mul(a));
        // NCHW flattening puts each channel's spatial positions next to each other.
        NDArray aFlat = a.reshape(-1, 1).broadcast(new Shape(a.size(), spatial)).reshape(-1);
        NDArray cFlat = c.reshape(-1, 1).broadcast(new Shape(c.size(), spatial)).reshape(-1);
        NDArray w1 = w.mul(aFlat.reshape(1, -1));
        NDArray b1 = w.matMul(cFlat.reshape(-1, 1)).reshape(-1).add(bias);
        NDArray s = scale(bn1d);
        values.add(w1.mul(s.reshape(-1, 1)));
        values.add(b1.sub(param(bn1d, "runningMean")).mul(s).add(param(bn1d, "beta")));
    }

    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .build();
    }
}
