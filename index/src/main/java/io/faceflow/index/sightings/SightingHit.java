package io.faceflow.index.sightings;

/**
 * A sighting similar to the query face, with the cosine similarity (-1..1).
 *
 * @param identityId who the face was decided to be when it was seen; null for unknown
 */
public record SightingHit(String sightingId, String cameraId, long captureTimeMs, float score, String identityId) {}
