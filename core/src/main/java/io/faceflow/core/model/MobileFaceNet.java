package io.faceflow.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;

/**
 * MobileFaceNet (Chen et al. 2018) as DJL blocks, in the layout of the pretrained
 * {@code fr_feature.onnx}: 3x3 conv s2 to 64, depthwise 3x3, inverted-residual bottlenecks, a
 * 1x1 conv to 512, a 7x7 global depthwise conv and a linear 1x1 conv to the 512-d embedding.
 *
 * <p>There is no batch normalisation: the published weights come with it folded into the
 * convolutions, so every convolution carries a bias instead. Fine-tuning therefore trains those
 * folded affine maps directly, with no batch statistics at all; on small CPU batches of a few new
 * identities, batch statistics would be noisy and would pull the pretrained features away, while
 * a low learning rate from the pretrained point keeps training stable without them.
 */
public final class MobileFaceNet implements Backbone {
    public static final MobileFaceNet ARCH = new MobileFaceNet();

    /** A group of bottlenecks: expansion factor, output channels, how many, stride of the first. */
    private record Group(int expansion, int channels, int count, int stride) {}

    /** Chen et al., table 1. */
    private static final List<Group> GROUPS = List.of(
            new Group(2, 64, 5, 2),
            new Group(4, 128, 1, 2),
            new Group(2, 128, 6, 1),
            new Group(4, 128, 1, 2),
            new Group(2, 128, 2, 1));

    private static final int STEM = 64;
    private static final int WIDE = 512;
    /** The feature map entering the global depthwise conv: 112 halved four times. */
    private static final int FINAL_MAP = 7;
    private static final float CONV_INIT_SIGMA = 0.05f;

    private MobileFaceNet() {}

    @Override
    public String id() {
        return "mobilefacenet";
    }

    /** {@code dropout} is ignored: the architecture has none. */
    @Override
    public Block build(float dropout) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(STEM, 3, 2, 1)).add(new ChannelPrelu())
                .add(conv(STEM, 3, 1, STEM)).add(new ChannelPrelu());
        int in = STEM;
        for (Group g : GROUPS) {
            for (int i = 0; i < g.count(); i++) {
                int stride = i == 0 ? g.stride() : 1;
                net.add(bottleneck(in, g.channels(), in * g.expansion(), stride));
                in = g.channels();
            }
        }
        return net.add(conv(WIDE, 1, 1, 1)).add(new ChannelPrelu())
                .add(conv(WIDE, FINAL_MAP, 1, WIDE, 0)) // global depthwise: 7x7 -> 1x1, linear
                .add(conv(EMBEDDING_SIZE, 1, 1, 1)) // linear embedding
                .add(Blocks.batchFlattenBlock());
    }

    /** Expand (1x1, PReLU), depthwise 3x3 (PReLU, carries the stride), project (1x1, linear). */
    private static Block bottleneck(int in, int out, int hidden, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(hidden, 1, 1, 1)).add(new ChannelPrelu())
                .add(conv(hidden, 3, stride, hidden)).add(new ChannelPrelu())
                .add(conv(out, 1, 1, 1));
        if (stride != 1 || in != out) {
            return main;
        }
        return new ParallelBlock(MobileFaceNet::sum, List.of(main, Blocks.identityBlock()));
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    private static Block conv(int filters, int kernel, int stride, int groups) {
        return conv(filters, kernel, stride, groups, kernel / 2);
    }

    private static Block conv(int filters, int kernel, int stride, int groups, int padding) {
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optGroups(groups)
                .build();
        conv.setInitializer(new NormalInitializer(CONV_INIT_SIGMA), Parameter.Type.WEIGHT);
        return conv;
    }

    /** Nothing is frozen: with the batch norm folded, every parameter is a plain weight or bias. */
    @Override
    public void afterLoad(Block backbone) {}

    @Override
    public InputSpec input() {
        return InputSpec.MOBILEFACENET;
    }

    @Override
    public long flopsPerImage() {
        int size = INPUT_SIZE / 2;
        long macs = macs(3, STEM, 3, size) + (long) STEM * 9 * size * size;
        int in = STEM;
        for (Group g : GROUPS) {
            for (int i = 0; i < g.count(); i++) {
                int hidden = in * g.expansion();
                int outSize = i == 0 ? size / g.stride() : size;
                macs += macs(in, hidden, 1, size) + (long) hidden * 9 * outSize * outSize
                        + macs(hidden, g.channels(), 1, outSize);
                in = g.channels();
                size = outSize;
            }
        }
        macs += macs(in, WIDE, 1, size) + (long) WIDE * size * size + macs(WIDE, EMBEDDING_SIZE, 1, 1);
        return 2 * macs;
    }

    private static long macs(int in, int out, int kernel, int outSize) {
        return (long) in * out * kernel * kernel * outSize * outSize;
    }
}
