package io.faceflow.streams.tracking;

/**
 * Whether a track's face is worth embedding now: embedding is most of a frame's cost, and a track
 * seen again and again adds little with each face. A face is embedded when its track has no
 * embedding yet (it was just born), when it is clearly better than the best face embedded so far,
 * or when the track went {@link TrackerConfig#reembedEveryFaces} faces without one.
 */
public final class EmbedPolicy {
    private final double gain;
    private final int everyFaces;

    public EmbedPolicy(TrackerConfig config) {
        this.gain = config.reembedGain();
        this.everyFaces = config.reembedEveryFaces();
    }

    /** Whether to embed a face of {@code quality} that joins {@code track}. */
    public boolean embedNow(Track track, double quality) {
        TrackEmbeddings embeddings = track.embeddings();
        return embeddings.count() == 0
                || quality >= gain * embeddings.bestQuality() && quality > embeddings.bestQuality()
                || track.facesSinceEmbed() + 1 >= everyFaces;
    }
}
