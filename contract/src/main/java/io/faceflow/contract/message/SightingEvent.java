package io.faceflow.contract.message;

import java.util.List;

/**
 * One accepted face on {@code faceflow.sightings} (and, when unknown, on the unknown-face topic):
 * where and when it was seen, how good it was, its embedding, and what the gallery said.
 *
 * @param sightingId deterministic, the same id the sighting store keeps it under
 * @param landmarks five points, [x, y] each, in the detector's order
 * @param identityId the decided identity, or null for unknown
 * @param bestIdentityId the best candidate even when below the threshold (null when the gallery is empty)
 * @param trackId with tracks, the face's track, whose fused embedding was decided on; null without tracks
 * @param thumbnail on a track that ended unknown, its best face's aligned crop as base64 JPEG (what a
 *     candidate keeps as a shot); null otherwise
 */
public record SightingEvent(String sightingId, String cameraId, long captureTimeMs, long sequence, int faceIndex,
        FaceBox box, List<double[]> landmarks, Quality quality, float[] embedding, String modelVersion,
        String identityId, String displayName, String bestIdentityId, double score, double threshold,
        String trackId, String thumbnail) {

    /** A sighting without a thumbnail: every face's sighting, with or without tracks. */
    public SightingEvent(String sightingId, String cameraId, long captureTimeMs, long sequence, int faceIndex,
            FaceBox box, List<double[]> landmarks, Quality quality, float[] embedding, String modelVersion,
            String identityId, String displayName, String bestIdentityId, double score, double threshold,
            String trackId) {
        this(sightingId, cameraId, captureTimeMs, sequence, faceIndex, box, landmarks, quality, embedding, modelVersion,
                identityId, displayName, bestIdentityId, score, threshold, trackId, null);
    }

    /** A sighting of a face decided on its own, without tracks. */
    public SightingEvent(String sightingId, String cameraId, long captureTimeMs, long sequence, int faceIndex,
            FaceBox box, List<double[]> landmarks, Quality quality, float[] embedding, String modelVersion,
            String identityId, String displayName, String bestIdentityId, double score, double threshold) {
        this(sightingId, cameraId, captureTimeMs, sequence, faceIndex, box, landmarks, quality, embedding, modelVersion,
                identityId, displayName, bestIdentityId, score, threshold, null, null);
    }

    /** The quality measures of the face. */
    public record Quality(double faceSize, double sharpness, double detectorScore) {}
}
