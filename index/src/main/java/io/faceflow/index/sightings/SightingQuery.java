package io.faceflow.index.sightings;

/**
 * Find sightings similar to a face, captured in [fromMs, toMs] (both inclusive).
 *
 * @param cameraId only this camera's sightings; null for every camera
 */
public record SightingQuery(String modelVersion, float[] embedding, long fromMs, long toMs, int topK, String cameraId) {
    public SightingQuery(String modelVersion, float[] embedding, long fromMs, long toMs, int topK) {
        this(modelVersion, embedding, fromMs, toMs, topK, null);
    }

    public SightingQuery {
        if (fromMs > toMs) {
            throw new IllegalArgumentException("time range is empty: from " + fromMs + " is after to " + toMs);
        }
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK " + topK + " is out of range 1..1000");
        }
    }
}
