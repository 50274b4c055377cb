package io.faceflow.index.sightings;

import io.faceflow.index.Ids;

/**
 * One face seen by a camera, kept so it can later be searched by face and time.
 *
 * @param identityId the enrolled person the face was decided to be, or null when unknown: what
 *     {@code forget} erases along with the person
 */
public record Sighting(String sightingId, String cameraId, long captureTimeMs, String modelVersion, float[] embedding,
        String identityId) {
    public Sighting {
        Ids.requireId("sighting id", sightingId);
        Ids.requireId("camera id", cameraId);
        if (identityId != null) {
            Ids.requireId("identity id", identityId);
        }
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("sighting '" + sightingId + "' has no model version");
        }
        if (embedding == null || embedding.length == 0) {
            throw new IllegalArgumentException("sighting '" + sightingId + "' has no embedding");
        }
    }
}
