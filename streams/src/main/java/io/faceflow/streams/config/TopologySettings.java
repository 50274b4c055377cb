package io.faceflow.streams.config;

import io.faceflow.recognition.DecisionOverrides;
import io.faceflow.streams.tracking.TrackerConfig;
import java.time.Duration;

/**
 * What the identification topology does with each frame, independent of where it runs.
 *
 * @param framesTopic source of frames
 * @param unknownTopic where unknown faces go as events; null to not publish them
 * @param maxFrameAge frames captured longer ago than this are skipped (a live system catches up
 *     on the present, not on the backlog); zero or negative, or {@code replay}, keeps every frame
 * @param replay process old frames too (re-running history on purpose)
 * @param thumbnails attach the aligned face (base64 JPEG) to each alert
 * @param candidates candidates searched per face
 * @param overrides thresholds per camera and identity, for the identifier's decision
 * @param guards what a frame may be and how long it waits for the index (see {@link FrameGuards})
 * @param tracks follow each camera's faces over frames with this tracker, embedding a few faces per
 *     track and alerting once per track; null to identify every face of every frame on its own
 * @param watchlists per-watchlist alert topics and cameras limited to some watchlists
 */
public record TopologySettings(String framesTopic, String unknownTopic, Duration maxFrameAge, boolean replay,
        boolean thumbnails, int candidates, DecisionOverrides overrides, AlertCooldowns cooldowns,
        FrameGuards guards, TrackerConfig tracks, WatchlistRouting watchlists) {
    public TopologySettings {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates per face must be >= 1, got " + candidates);
        }
        watchlists = watchlists == null ? WatchlistRouting.NONE : watchlists;
    }

    /** Settings without watchlist routing. */
    public TopologySettings(String framesTopic, String unknownTopic, Duration maxFrameAge, boolean replay,
            boolean thumbnails, int candidates, DecisionOverrides overrides, AlertCooldowns cooldowns,
            FrameGuards guards, TrackerConfig tracks) {
        this(framesTopic, unknownTopic, maxFrameAge, replay, thumbnails, candidates, overrides, cooldowns, guards, tracks,
                WatchlistRouting.NONE);
    }

    /** Settings without tracks: every face of every frame identified on its own. */
    public TopologySettings(String framesTopic, String unknownTopic, Duration maxFrameAge, boolean replay,
            boolean thumbnails, int candidates, DecisionOverrides overrides, AlertCooldowns cooldowns,
            FrameGuards guards) {
        this(framesTopic, unknownTopic, maxFrameAge, replay, thumbnails, candidates, overrides, cooldowns, guards, null);
    }

    /** True when a frame captured at {@code captureMs} is too old to process at {@code nowMs}. */
    public boolean stale(long captureMs, long nowMs) {
        return !replay && !maxFrameAge.isZero() && !maxFrameAge.isNegative() && nowMs - captureMs > maxFrameAge.toMillis();
    }
}
