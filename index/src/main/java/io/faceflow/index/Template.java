package io.faceflow.index;

/** One enrolled face of an identity: its id (unique within the identity) and its L2-normalised embedding. */
public record Template(String templateId, float[] embedding) {
    public Template {
        Ids.requireId("template id", templateId);
        if (embedding == null || embedding.length == 0) {
            throw new IllegalArgumentException("template '" + templateId + "' has no embedding");
        }
    }
}
