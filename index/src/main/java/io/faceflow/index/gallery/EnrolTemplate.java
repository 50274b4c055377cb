package io.faceflow.index.gallery;

import io.faceflow.index.Ids;

/** One enrolled face: its embedding by the live model and the aligned crop it came from (encoded image). */
public record EnrolTemplate(String templateId, float[] embedding, byte[] crop) {
    public EnrolTemplate {
        Ids.requireId("template id", templateId);
        if (embedding == null || embedding.length == 0) {
            throw new IllegalArgumentException("template '" + templateId + "' has no embedding");
        }
        if (crop == null || crop.length == 0) {
            throw new IllegalArgumentException("template '" + templateId + "' has no crop: the crop is needed to"
                    + " re-embed the gallery when the model changes");
        }
    }
}
