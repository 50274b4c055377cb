package io.faceflow.index;

import java.util.Map;

/** What the index holds for one identity, without its vectors. */
public record IdentitySummary(String identityId, String displayName, Map<String, String> metadata, int templateCount) {
    public IdentitySummary {
        metadata = Map.copyOf(metadata);
    }
}
