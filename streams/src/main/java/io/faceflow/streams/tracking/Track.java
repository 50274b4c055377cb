package io.faceflow.streams.tracking;

/**
 * One face followed across the frames of a camera: what the topology decides and alerts on.
 *
 * @param id unique on its camera, across restarts: the camera id, a dash, and the camera's track number
 * @param motion last measured box and velocity
 * @param firstSeenMs capture time of the track's first face
 * @param lastSeenMs capture time of its latest face
 * @param facesSeen faces that joined the track
 * @param facesSinceEmbed faces since the latest embedded one (the re-embed interval counts these)
 * @param bestShot the highest-quality face so far, for the thumbnail
 * @param embeddings the embeddings kept for the fused vector, and how many faces were embedded
 * @param decision the identity decided for the track and whether it was alerted
 */
public record Track(
        String id, Motion motion, long firstSeenMs, long lastSeenMs, int facesSeen, int facesSinceEmbed,
        BestShot bestShot, TrackEmbeddings embeddings, TrackDecision decision) {

    static Track born(String id, TrackFrame frame, FaceObservation face, TrackerConfig config) {
        Track empty = new Track(id, Motion.at(face.face().box(), frame.captureMs()), frame.captureMs(),
                frame.captureMs(), 0, 0, new BestShot(frame.sequence(), face.face().box(), face.quality()),
                TrackEmbeddings.NONE, TrackDecision.UNDECIDED);
        return empty.joined(frame, face, config);
    }

    /** The track after {@code face} of {@code frame} joined it. */
    Track joined(TrackFrame frame, FaceObservation face, TrackerConfig config) {
        // The second face gives the first measured velocity: nothing earlier to smooth it with.
        Motion nextMotion = facesSeen == 0 ? motion
                : motion.observe(face.face().box(), frame.captureMs(), facesSeen == 1 ? 1 : config.velocitySmoothing());
        BestShot shot = face.quality() > bestShot.quality() || facesSeen == 0
                ? new BestShot(frame.sequence(), face.face().box(), face.quality()) : bestShot;
        boolean embedded = face.embedding() != null;
        TrackEmbeddings nextEmbeddings = embedded
                ? embeddings.add(face.embedding(), face.quality(), config.maxEmbeddings()) : embeddings;
        return new Track(id, nextMotion, firstSeenMs, frame.captureMs(), facesSeen + 1,
                embedded ? 0 : facesSinceEmbed + 1, shot, nextEmbeddings, decision);
    }

    /** Whether the track has seen enough faces to be worth a decision. */
    public boolean confirmed(int minHits) {
        return facesSeen >= minHits;
    }

    /** The quality-weighted mean of the kept embeddings, unit length; null before the first embedding. */
    public float[] fusedEmbedding() {
        return embeddings.fused();
    }

    public Track withDecision(TrackDecision next) {
        return new Track(id, motion, firstSeenMs, lastSeenMs, facesSeen, facesSinceEmbed, bestShot, embeddings, next);
    }

    /** The track with no embedding, so its next face is embedded (see {@link EmbedPolicy}). */
    public Track withoutEmbeddings() {
        return new Track(id, motion, firstSeenMs, lastSeenMs, facesSeen, 0, bestShot, TrackEmbeddings.NONE, decision);
    }
}
