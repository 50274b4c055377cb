package io.faceflow.streams.tracking;

/**
 * Every knob of the face tracker of one camera.
 *
 * @param highScore detector score from which a face is confident: matched first, and born as a new
 *     track when nothing claims it
 * @param lowScore detector score from which a weak face may still continue a track (second stage);
 *     faces below it are ignored. Only useful when the detector reports faces this weak
 * @param firstStageIou least overlap between a track's predicted box and a confident face
 * @param secondStageIou least overlap for a weak face: stricter, as a weak face is more often a false one
 * @param maxGapMs capture-time milliseconds a track may go unseen (occlusion, skipped frames) before
 *     it ends; time rather than frames, since a camera may drop or skip frames
 * @param minHits faces a track needs before it is confirmed (worth a decision)
 * @param embeddingGate least cosine between a track's fused embedding and a face's embedding for the
 *     face to join the track; below it the face starts a new track, so a track never absorbs another
 *     person. Lower than any decision threshold: it only separates people who are clearly different
 * @param reembedGain a track's face is embedded again when its quality reaches this factor times the
 *     best quality embedded so far
 * @param reembedEveryFaces a track's face is embedded at least once in this many of its faces
 * @param maxEmbeddings embeddings kept per track for fusion (the highest-quality ones)
 * @param velocitySmoothing weight of the newest measured velocity against the previous estimate
 * @param detectEvery faces are detected on one frame in this many; between two, the camera's tracks
 *     coast on their motion and nothing is detected, embedded or decided (1 = detect every frame).
 *     On a CPU detection is most of a tracked frame's cost: 2 or 3 at 10 frames/s and more, where a
 *     face entering is still found within a few hundred milliseconds
 */
public record TrackerConfig(
        double highScore, double lowScore, double firstStageIou, double secondStageIou, long maxGapMs,
        int minHits, double embeddingGate, double reembedGain, int reembedEveryFaces, int maxEmbeddings,
        double velocitySmoothing, int detectEvery) {

    public TrackerConfig {
        if (detectEvery < 1) {
            throw new IllegalArgumentException("detection interval must be >= 1 frame (1 = every frame), got "
                    + detectEvery);
        }
        if (!(0 <= lowScore && lowScore <= highScore && highScore <= 1)) {
            throw new IllegalArgumentException("detector scores: need 0 <= low <= high <= 1, got low " + lowScore
                    + ", high " + highScore);
        }
        requireFraction("first-stage IoU", firstStageIou);
        requireFraction("second-stage IoU", secondStageIou);
        if (maxGapMs < 0) {
            throw new IllegalArgumentException("max gap must be >= 0 ms, got " + maxGapMs);
        }
        if (minHits < 1) {
            throw new IllegalArgumentException("min hits must be >= 1 (a track's first face is a hit), got " + minHits);
        }
        if (!(-1 <= embeddingGate && embeddingGate <= 1)) {
            throw new IllegalArgumentException("embedding gate must be a cosine in [-1, 1], got " + embeddingGate);
        }
        if (!(reembedGain >= 1) || !Double.isFinite(reembedGain)) {
            throw new IllegalArgumentException("re-embed gain must be a finite factor >= 1 (1 = on any gain), got "
                    + reembedGain);
        }
        if (reembedEveryFaces < 1) {
            throw new IllegalArgumentException("re-embed interval must be >= 1 face (1 = embed every face), got "
                    + reembedEveryFaces);
        }
        if (maxEmbeddings < 1) {
            throw new IllegalArgumentException("max embeddings per track must be >= 1, got " + maxEmbeddings);
        }
        if (!(0 < velocitySmoothing && velocitySmoothing <= 1)) {
            throw new IllegalArgumentException("velocity smoothing must be in (0, 1], got " + velocitySmoothing);
        }
    }

    /**
     * Defaults for faces at 5 to 25 frames/s: a face ends after 1.5 s unseen, is confirmed on its
     * second face, embedded again on a 25% quality gain or every 10 faces, fused over 5 embeddings.
     */
    public static TrackerConfig defaults() {
        return new TrackerConfig(0.7, 0.45, 0.2, 0.5, 1500, 2, 0.2, 1.25, 10, 5, 0.5, 1);
    }

    public TrackerConfig withDetectEvery(int frames) {
        return new TrackerConfig(highScore, lowScore, firstStageIou, secondStageIou, maxGapMs, minHits, embeddingGate,
                reembedGain, reembedEveryFaces, maxEmbeddings, velocitySmoothing, frames);
    }

    public TrackerConfig withReembedding(double gain, int everyFaces) {
        return new TrackerConfig(highScore, lowScore, firstStageIou, secondStageIou, maxGapMs, minHits, embeddingGate,
                gain, everyFaces, maxEmbeddings, velocitySmoothing, detectEvery);
    }

    private static void requireFraction(String what, double v) {
        if (!(0 <= v && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + v);
        }
    }
}
