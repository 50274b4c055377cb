package io.faceflow.core.pipeline;

import java.util.List;

/**
 * Which of an image's faces to embed, asked once the faces are detected, aligned and measured but
 * before any is embedded: embedding is most of a face's cost, and a caller that follows faces over
 * frames (a tracker) needs only a few of them embedded.
 */
@FunctionalInterface
public interface EmbedChoice {
    /** Embeds every accepted face: what {@link FacePipeline#analyze(List)} does. */
    EmbedChoice ALL = (source, faces) -> faces.stream().map(f -> true).toList();

    /**
     * One flag per face of {@code faces} (in their order: largest first), true to embed it. The faces
     * have no embedding yet; a flag on a face the quality policy rejected is ignored.
     */
    List<Boolean> choose(SourceImage source, List<AnalyzedFace> faces);
}
