package io.faceflow.index;

import java.util.Map;

/** One identity found for a query: its best-matching template and the cosine similarity (-1..1). */
public record SearchHit(String identityId, String displayName, String templateId, float score,
                        Map<String, String> metadata) {
    public SearchHit {
        metadata = Map.copyOf(metadata);
    }
}
