package io.faceflow.streams.batch;

import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.FaceIndex;
import io.faceflow.recognition.GenerationRecipe;
import java.util.function.IntConsumer;

/**
 * A model served as the stream processor serves it: the faces of every stream thread embedded in
 * shared batches, and their searches batched alike.
 *
 * @param batchSize faces per forward pass
 * @param candidates candidates searched per face
 * @param embedBatches told the size of each forward pass
 * @param searchBatches told the size of each gallery search
 */
public record BatchedServing(int batchSize, int candidates, BatchPolicy policy, IntConsumer embedBatches,
        IntConsumer searchBatches) implements GenerationRecipe.Serving {
    @Override
    public GenerationRecipe.Served serve(RecognitionModel model, FaceIndex gallery) {
        BatchingEmbedder embedder = new BatchingEmbedder(new FaceEmbedder(model, batchSize), policy, embedBatches);
        BatchingGallery searching = new BatchingGallery(gallery, candidates, policy, searchBatches);
        return new GenerationRecipe.Served(embedder, searching, () -> {
            embedder.close();
            searching.close();
        });
    }
}
