package io.faceflow.contract.models;

/**
 * A record on the compacted {@code faceflow.models} topic. Two kinds of key: {@code bundle:VERSION}
 * tells where a model version's bundle lives (kept forever by compaction, so a rollback can find
 * it), and {@code live} names the version the gallery serves now. Stream instances switch when the
 * live record changes. The keys are read and written only by {@link ModelTopicReader} and
 * {@link ModelTopicWriter}.
 *
 * @param modelVersion the version the record is about
 * @param bundle path of the bundle folder, as the stream instances see it (a shared volume)
 */
public record ModelAnnouncement(String modelVersion, String bundle, long announcedAtMs) {
    static final String LIVE_KEY = "live";
    static final String BUNDLE_KEY_PREFIX = "bundle:";
}
