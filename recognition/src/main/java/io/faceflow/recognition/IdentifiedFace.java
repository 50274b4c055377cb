package io.faceflow.recognition;

import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.index.SearchHit;
import java.util.List;

/**
 * A face of an image with its 1:N answer.
 *
 * @param candidates best identities first (empty when the face was rejected before search)
 * @param decision the decision on the candidates; null when the face was rejected
 */
public record IdentifiedFace(AnalyzedFace face, List<SearchHit> candidates, Decision decision) {
    public IdentifiedFace {
        candidates = List.copyOf(candidates);
    }
}
