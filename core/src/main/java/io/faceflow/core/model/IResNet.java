package io.faceflow.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;

/**
 * The iResNet face-recognition backbone as DJL blocks: 112x112 RGB in, a 512-d embedding out
 * (not normalised; normalise before matching).
 *
 * <p>Layout follows the reference architecture (shared/reference/elasticface.md): stem
 * conv3x3-BN-PReLU; four stages whose blocks run BN, conv3x3, BN, PReLU, conv3x3 (carrying the
 * stride), BN plus a shortcut; a head of BN2d, flatten, dropout, Linear(25088 -> 512) and a BN1d
 * whose scale stays fixed at 1.
 */
public final class IResNet {
    public static final int EMBEDDING_SIZE = Backbone.EMBEDDING_SIZE;

    public static final float BN_EPSILON = 1e-5f;
    /** DJL's momentum is the weight of the running value: 0.9 here is PyTorch's momentum 0.1. */
    private static final float BN_MOMENTUM = 0.9f;
    private static final float CONV_INIT_SIGMA = 0.1f;

    private IResNet() {}

    /** An uninitialised backbone; call {@link Backbone#initialize} before use. */
    public static Block build(IResNetArch arch, float dropout) {
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        SequentialBlock net = new SequentialBlock()
                .add(conv(64, 3, 1))
                .add(batchNorm())
                .add(new ChannelPrelu());
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = IResNetArch.STAGE_WIDTHS[stage];
            for (int b = 0; b < arch.blocksInStage(stage); b++) {
                int stride = b == 0 ? 2 : 1;
                net.add(residualBlock(in, width, stride));
                in = width;
            }
        }
        return net.add(batchNorm())
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(dropout).build())
                .add(Linear.builder().setUnits(EMBEDDING_SIZE).build())
                .add(batchNorm());
    }

    /**
     * Keeps the scale of the last BN (the embedding's) at its initial 1 so only its shift
     * trains, as the reference does; call again after parameters are loaded from a file.
     */
    public static void freezeEmbeddingScale(Block backbone) {
        Parameter lastScale = null;
        for (var entry : backbone.getParameters()) {
            if (entry.getValue().getType() == Parameter.Type.GAMMA) {
                lastScale = entry.getValue();
            }
        }
        if (lastScale == null) {
            throw new IllegalArgumentException("not an iResNet backbone: it has no batch normalisation");
        }
        lastScale.freeze(true);
    }

    private static Block residualBlock(int in, int width, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(batchNorm())
                .add(conv(width, 3, 1))
                .add(batchNorm())
                .add(new ChannelPrelu())
                .add(conv(width, 3, stride))
                .add(batchNorm());
        Block shortcut = stride != 1 || in != width
                ? new SequentialBlock().add(conv(width, 1, stride)).add(batchNorm())
                : Blocks.identityBlock();
        return new ParallelBlock(IResNet::sumBranches, List.of(main, shortcut));
    }

    private static NDList sumBranches(List<NDList> branches) {
        NDArray main = branches.get(0).singletonOrThrow();
        return new NDList(main.add(branches.get(1).singletonOrThrow()));
    }

    private static Block conv(int filters, int kernel, int stride) {
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
        conv.setInitializer(new NormalInitializer(CONV_INIT_SIGMA), Parameter.Type.WEIGHT);
        return conv;
    }

    static Block batchNorm() {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }
}
