package io.faceflow.contract.message;

import java.util.List;

/**
 * An alert on {@code faceflow.matches}: an enrolled person was recognised by a camera. The JSON
 * form is documented by {@code schemas/match-alert.schema.json}; {@link #SCHEMA_VERSION} changes
 * when a field is removed or changes meaning (adding optional fields does not).
 *
 * @param alertId deterministic (camera, capture time, sequence, face index): a replayed frame gives the same id
 * @param threshold the threshold the score had to reach (model default or an override)
 * @param galleryVersion the gallery collection searched; always the model version, since a model
 *     only ever searches embeddings of its own version
 * @param thumbnail the aligned face as base64 JPEG, when thumbnails are configured; else null. With
 *     tracks, the track's best shot so far
 * @param trackId the track alerted on, unique on its camera; null without tracks
 * @param firstSeenMs capture time of the track's first face; null without tracks
 * @param lastSeenMs capture time of the track's latest face (this frame's); null without tracks
 * @param facesUsed faces of the track embedded so far (its fused embedding keeps the best few); null
 *     without tracks
 * @param watchlists the watchlists (named groups) the identity is on, sorted; null when it is on none
 */
public record MatchAlert(int schemaVersion, String alertId, String cameraId, long captureTimeMs, long sequence,
        String identityId, String displayName, double score, double threshold, FaceBox box, String modelVersion,
        String galleryVersion, String thumbnail, String trackId, Long firstSeenMs, Long lastSeenMs,
        Integer facesUsed, List<String> watchlists) {
    public static final int SCHEMA_VERSION = 1;

    public MatchAlert {
        watchlists = watchlists == null || watchlists.isEmpty() ? null : List.copyOf(watchlists);
    }

    /** An alert on one face of one frame, without tracks. */
    public MatchAlert(int schemaVersion, String alertId, String cameraId, long captureTimeMs, long sequence,
            String identityId, String displayName, double score, double threshold, FaceBox box, String modelVersion,
            String galleryVersion, String thumbnail) {
        this(schemaVersion, alertId, cameraId, captureTimeMs, sequence, identityId, displayName, score, threshold, box,
                modelVersion, galleryVersion, thumbnail, null, null, null, null, null);
    }
}
