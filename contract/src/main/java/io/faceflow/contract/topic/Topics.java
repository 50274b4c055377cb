package io.faceflow.contract.topic;

/** Names of the Kafka topics that connect the modules; one place so producers and consumers agree. */
public final class Topics {
    /** Encoded camera frames; key = camera id, headers per {@link FrameHeaders}. */
    public static final String FRAMES = "faceflow.frames";
    /** Every detected face with its embedding. */
    public static final String SIGHTINGS = "faceflow.sightings";
    /** Identity match alerts (JSON) for downstream services. */
    public static final String MATCHES = "faceflow.matches";
    /** Frames that could not be decoded, with the reason. */
    public static final String FRAMES_DLQ = "faceflow.frames.dlq";
    /** Unknown tracks, one event each, with the fused embedding and best face, when {@code unknowns=true}. */
    public static final String UNKNOWNS = "faceflow.unknowns";
    /** Model announcements (compacted): stream processors switch models from here. */
    public static final String MODELS = "faceflow.models";

    private Topics() {}

    /** The alerts of one watchlist, when alerts are routed per watchlist ({@code alerts.watchlist.topics=true}). */
    public static String watchlistMatches(String watchlist) {
        return MATCHES + "." + watchlist;
    }
}
