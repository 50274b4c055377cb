package io.faceflow.index.gallery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.faceflow.index.Ids;

/**
 * A correction: an operator said the face of alert {@code alertId} is not {@code identityId}. The
 * face (the alert's aligned crop, JPEG) is kept beside it in the {@link NegativeStore}. Negatives
 * measure how close impostors come to a person; they never become templates.
 *
 * @param score the similarity the alert was raised with
 * @param threshold the threshold the score passed
 * @param by who made the correction (the console user, or the CLI's --by)
 * @param atMs when, epoch milliseconds
 */
public record Negative(@JsonProperty("identityId") String identityId, @JsonProperty("alertId") String alertId,
        @JsonProperty("cameraId") String cameraId, @JsonProperty("captureTimeMs") long captureTimeMs,
        @JsonProperty("modelVersion") String modelVersion, @JsonProperty("score") double score,
        @JsonProperty("threshold") double threshold, @JsonProperty("by") String by,
        @JsonProperty("atMs") long atMs) {
    public Negative {
        Ids.requireId("identity id", identityId);
        Ids.requireId("alert id", alertId);
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("a correction of alert " + alertId + " must say who made it");
        }
    }
}
