package io.faceflow.index.gallery;

import io.faceflow.index.Ids;
import java.util.List;
import java.util.Map;

/** A person to enrol (or re-enrol: replaces earlier templates), already embedded with {@code modelVersion}. */
public record EnrolmentRequest(String identityId, String displayName, Map<String, String> metadata,
                               String modelVersion, List<EnrolTemplate> templates) {
    public EnrolmentRequest {
        Ids.requireId("identity id", identityId);
        metadata = Ids.requireMetadata(metadata);
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("enrolment of '" + identityId + "' has no model version");
        }
        if (templates == null || templates.isEmpty()) {
            throw new IllegalArgumentException("enrolment of '" + identityId + "' has no faces");
        }
        templates = List.copyOf(templates);
    }
}
