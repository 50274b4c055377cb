package io.faceflow.core.embed;

import io.faceflow.core.image.BgrImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned face crops to L2-normalised embeddings, in batches, optionally flip-averaged
 * ({@code normalise(f(x) + f(flip x))}, the evaluation protocol's embedding).
 */
public final class FaceEmbedder {
    private final RecognitionModel model;
    private final boolean flipAverage;
    private final int batchSize;

    public FaceEmbedder(RecognitionModel model, boolean flipAverage, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.flipAverage = flipAverage;
        this.batchSize = batchSize;
    }

    public RecognitionModel model() {
        return model;
    }

    /** One normalised embedding per crop, in order. */
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

    public float[] embed(BgrImage crop) {
        return embed(List.of(crop))[0];
    }
}
