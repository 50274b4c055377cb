package io.faceflow.recognition;

import io.faceflow.core.embed.Embedder;
import io.faceflow.core.pipeline.AlignedCrops;
import io.faceflow.index.gallery.CropEmbedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-embeds the gallery's stored crops (encoded aligned faces) with a model, for a reindex: the
 * crops are decoded, brought to the aligned size, and embedded exactly as live faces are.
 */
public final class CropReembedder implements CropEmbedder {
    private final Embedder embedder;

    public CropReembedder(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public String modelVersion() {
        return embedder.modelVersion();
    }

    @Override
    public int dimension() {
        return embedder.dimension();
    }

    @Override
    public float[][] embed(List<byte[]> encodedCrops) {
        Map<String, byte[]> bySource = new LinkedHashMap<>();
        for (int i = 0; i < encodedCrops.size(); i++) {
            bySource.put("stored crop " + i, encodedCrops.get(i));
        }
        List<AlignedCrops.Embedded> embedded = AlignedCrops.embed(embedder, bySource);
        float[][] out = new float[embedded.size()][];
        for (int i = 0; i < out.length; i++) {
            AlignedCrops.Embedded e = embedded.get(i);
            if (e.problem() != null) {
                throw new IllegalArgumentException(e.source() + " of the batch cannot be read: " + e.problem());
            }
            out[i] = e.embedding();
        }
        return out;
    }
}
