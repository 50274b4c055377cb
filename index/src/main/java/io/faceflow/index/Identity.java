package io.faceflow.index;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** A person in the gallery with every template to index. Upserting it replaces all its earlier templates. */
public record Identity(String identityId, String displayName, Map<String, String> metadata, List<Template> templates) {
    public Identity {
        Ids.requireId("identity id", identityId);
        displayName = displayName == null ? "" : displayName;
        metadata = Ids.requireMetadata(metadata);
        if (templates == null || templates.isEmpty()) {
            throw new IllegalArgumentException("identity '" + identityId + "' has no templates: enrol at least one face");
        }
        templates = List.copyOf(templates);
        var seen = new HashSet<String>();
        for (Template t : templates) {
            if (!seen.add(t.templateId())) {
                throw new IllegalArgumentException("identity '" + identityId + "' has template id '" + t.templateId()
                        + "' twice");
            }
        }
    }
}
