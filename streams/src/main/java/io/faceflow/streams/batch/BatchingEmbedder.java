package io.faceflow.streams.batch;

import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.BgrImage;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/** An embedder whose callers, on any thread, share forward passes (see {@link MicroBatcher}). */
public final class BatchingEmbedder implements Embedder, AutoCloseable {
    private final Embedder inner;
    private final MicroBatcher<BgrImage, float[]> batcher;

    public BatchingEmbedder(Embedder inner, BatchPolicy policy, IntConsumer batchSizes) {
        this.inner = inner;
        this.batcher = new MicroBatcher<>("faceflow-embed-" + inner.modelVersion(),
                crops -> Arrays.asList(inner.embed(crops)), policy, batchSizes);
    }

    @Override
    public String modelVersion() {
        return inner.modelVersion();
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public float[][] embed(List<BgrImage> alignedCrops) {
        return batcher.submit(alignedCrops).toArray(float[][]::new);
    }

    @Override
    public void close() {
        batcher.close();
    }
}
