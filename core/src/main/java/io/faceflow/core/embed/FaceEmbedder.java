package io.faceflow.core.embed;

import io.faceflow.core.image.BgrImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RecognitionModel} as an {@link Embedder}: crops go through the network in batches and
 * come out L2-normalised, flip-averaged when the bundle's embedding protocol says so
 * ({@code normalise(f(x) + f(mirror x))}). The protocol is the bundle's, never the caller's.
 */
public final class FaceEmbedder implements Embedder {
    private final RecognitionModel model;
    private final boolean flipAverage;
    private final int batchSize;

    public FaceEmbedder(RecognitionModel model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.flipAverage = model.manifest().embedding().flipAverage();
        this.batchSize = batchSize;
    }

    public RecognitionModel model() {
        return model;
    }

    @Override
    public String modelVersion() {
        return model.version();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public float[][] embed(List<BgrImage> crops) {
        float[][] result = new float[crops.size()][];
        for (int start = 0; start < crops.size(); start += batchSize) {
            List<BgrImage> batch = crops.subList(start, Math.min(crops.size(), start + batchSize));
            float[][] raw = model.forward(batch);
            if (flipAverage) {
                List<BgrImage> flipped = new ArrayList<>(batch.size());
                batch.forEach(c -> flipped.add(c.flipHorizontal()));
                float[][] mirrored = model.forward(flipped);
                for (int i = 0; i < raw.length; i++) {
                    for (int d = 0; d < raw[i].length; d++) {
                        raw[i][d] += mirrored[i][d];
                    }
                }
            }
            for (int i = 0; i < raw.length; i++) {
                result[start + i] = Vectors.normalize(raw[i]);
            }
        }
        return result;
    }
}
