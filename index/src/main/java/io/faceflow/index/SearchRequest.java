package io.faceflow.index;

import java.util.List;
import java.util.Map;

/**
 * A batch of query embeddings, all of one model version.
 *
 * @param filter metadata that every hit must carry (exact match on each entry); empty for none
 */
public record SearchRequest(String modelVersion, List<float[]> queries, int topK, Map<String, String> filter) {
    public SearchRequest {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("search request has no model version");
        }
        queries = List.copyOf(queries);
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK " + topK + " is out of range 1..1000");
        }
        filter = Ids.requireMetadata(filter);
    }

    public SearchRequest(String modelVersion, List<float[]> queries, int topK) {
        this(modelVersion, queries, topK, Map.of());
    }
}
