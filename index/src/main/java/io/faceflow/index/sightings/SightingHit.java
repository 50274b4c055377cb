package io.faceflow.index.sightings;

/** A sighting similar to the query face, with the cosine similarity (-1..1). */
public record SightingHit(String sightingId, String cameraId, long captureTimeMs, float score) {}
