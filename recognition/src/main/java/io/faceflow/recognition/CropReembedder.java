package io.faceflow.recognition;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.index.gallery.CropEmbedder;
import java.util.List;

/**
 * Re-embeds the gallery's stored crops (encoded aligned faces) with a model, for a reindex: the
 * crops are decoded, brought to the aligned size, and embedded exactly as live faces are.
 */
public final class CropReembedder implements CropEmbedder {
    private final Embedder embedder;
    private final ImageDecoder decoder = new ImageDecoder();

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
        List<BgrImage> crops = encodedCrops.stream().map(b -> FaceAligner.asAligned(decoder.decode(b))).toList();
        return embedder.embed(crops);
    }
}
