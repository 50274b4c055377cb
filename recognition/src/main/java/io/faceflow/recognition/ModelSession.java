package io.faceflow.recognition;

import io.faceflow.core.pipeline.EmbedChoice;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.SourceImage;
import java.util.List;

/**
 * One model generation held for a unit of work ({@link Identifier#withModel}): faces analysed,
 * embeddings searched and decisions taken in it all belong to the same model version, even when
 * the live model switches meanwhile.
 */
public final class ModelSession {
    private final ModelGeneration generation;
    private final FacePipeline pipeline;
    private final int topK;
    private final DecisionOverrides overrides;

    ModelSession(ModelGeneration generation, FacePipeline pipeline, int topK, DecisionOverrides overrides) {
        this.generation = generation;
        this.pipeline = pipeline;
        this.topK = topK;
        this.overrides = overrides;
    }

    /** The version of every embedding made and searched in this session. */
    public String version() {
        return generation.version();
    }

    /** One image's faces, with only the accepted faces {@code choice} picks embedded. */
    public ImageFaces analyze(SourceImage image, EmbedChoice choice) {
        return pipeline.analyze(List.of(image), choice).get(0);
    }

    /**
     * The decision for each embedding of this session's model seen by camera {@code cameraId}
     * (null: none), in order, searched in one request; thresholds resolved as {@link Identifier}'s.
     */
    public List<Decision> decide(String cameraId, List<float[]> embeddings) {
        return Identifier.search(generation, embeddings, topK).stream()
                .map(ranked -> Identifier.decision(ranked, cameraId, overrides, generation)).toList();
    }
}
