package io.faceflow.streams.message;

/**
 * A record on the compacted {@code faceflow.models} topic. Two kinds of key: {@code bundle:VERSION}
 * tells where a model version's bundle lives (kept forever by compaction, so a rollback can find
 * it), and {@link #LIVE_KEY} names the version the gallery serves now. Stream instances switch
 * when the live record changes.
 *
 * @param modelVersion the version the record is about
 * @param bundle path of the bundle folder, as the stream instances see it (a shared volume)
 */
public record ModelAnnouncement(String modelVersion, String bundle, long announcedAtMs) {
    public static final String LIVE_KEY = "live";
    public static final String BUNDLE_KEY_PREFIX = "bundle:";
}
