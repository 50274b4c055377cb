package io.faceflow.contract.message;

/**
 * An alert on {@code faceflow.matches}: an enrolled person was recognised by a camera. The JSON
 * form is documented by {@code schemas/match-alert.schema.json}; {@link #SCHEMA_VERSION} changes
 * when a field is removed or changes meaning (adding optional fields does not).
 *
 * @param alertId deterministic (camera, capture time, sequence, face index): a replayed frame gives the same id
 * @param threshold the threshold the score had to reach (model default or an override)
 * @param galleryVersion the gallery collection searched; always the model version, since a model
 *     only ever searches embeddings of its own version
 * @param thumbnail the aligned face as base64 JPEG, when thumbnails are configured; else null
 */
public record MatchAlert(int schemaVersion, String alertId, String cameraId, long captureTimeMs, long sequence,
        String identityId, String displayName, double score, double threshold, FaceBox box, String modelVersion,
        String galleryVersion, String thumbnail) {
    public static final int SCHEMA_VERSION = 1;
}
