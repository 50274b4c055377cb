package io.faceflow.core.model;

import ai.djl.nn.Block;
import java.util.Locale;

/**
 * The iResNet depths used for face recognition (ArcFace's improved ResNet, as used by ElasticFace).
 * Each value lists the residual blocks in its four stages of widths 64/128/256/512.
 */
public enum IResNetArch implements Backbone {
    IRESNET18(2, 2, 2, 2),
    IRESNET34(3, 4, 6, 3),
    IRESNET50(3, 4, 14, 3),
    IRESNET100(3, 13, 30, 3);

    static final int[] STAGE_WIDTHS = {64, 128, 256, 512};

    private final int[] blocksPerStage;

    IResNetArch(int... blocksPerStage) {
        this.blocksPerStage = blocksPerStage;
    }

    public int blocksInStage(int stage) {
        return blocksPerStage[stage];
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Block build(float dropout) {
        return IResNet.build(this, dropout);
    }

    @Override
    public void afterLoad(Block backbone) {
        IResNet.freezeEmbeddingScale(backbone);
    }

    @Override
    public InputSpec input() {
        return InputSpec.ARCFACE;
    }

    /**
     * Multiply-adds of one forward pass on a 112x112 input, times two: the floating-point
     * operations a benchmark divides by to report GFLOP/s. Counts convolutions and the
     * fully-connected layer, which dominate; normalisation and activations are left out.
     */
    @Override
    public long flopsPerImage() {
        long macs = 0;
        int size = 112;
        macs += conv(3, 64, 3, size); // stem
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = STAGE_WIDTHS[stage];
            for (int b = 0; b < blocksPerStage[stage]; b++) {
                int outSize = b == 0 ? size / 2 : size;
                macs += conv(in, width, 3, size); // stride-1 conv at the input size
                macs += conv(width, width, 3, outSize); // strided conv
                if (b == 0) {
                    macs += conv(in, width, 1, outSize); // shortcut projection
                }
                in = width;
                size = outSize;
            }
        }
        macs += (long) 512 * size * size * 512; // fully-connected 25088 -> 512
        return 2 * macs;
    }

    private static long conv(int in, int out, int kernel, int outSize) {
        return (long) in * out * kernel * kernel * outSize * outSize;
    }
}
