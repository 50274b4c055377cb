package io.faceflow.index.gallery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What the crop store keeps about a person besides the crops: enough to rebuild any collection. */
public record StoredIdentity(@JsonProperty("identityId") String identityId,
                             @JsonProperty("displayName") String displayName,
                             @JsonProperty("metadata") Map<String, String> metadata) {
    public StoredIdentity {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
