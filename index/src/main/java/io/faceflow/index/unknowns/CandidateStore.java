package io.faceflow.index.unknowns;

import io.faceflow.index.DimensionMismatchException;
import io.faceflow.index.ModelVersionMismatchException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The unknown-person candidates of one model version, kept by the index backend beside the
 * gallery and sightings collections. Candidates are few (thousands, not millions), so nearest
 * search may be exact. One writer at a time (the clusterer); the console reads and acts on single
 * candidates.
 */
public interface CandidateStore extends AutoCloseable {
    /** The order of {@link #list()}: most visits first, then most recently seen first. */
    Comparator<Candidate> LIST_ORDER = Comparator.comparingInt((Candidate c) -> c.visits().size()).reversed()
            .thenComparing(Comparator.comparingLong(Candidate::lastSeenMs).reversed());

    String modelVersion();

    int dimension();

    /** Adds or replaces candidates by id, durably, before returning. */
    void save(List<Candidate> candidates);

    default void save(Candidate candidate) {
        save(List.of(candidate));
    }

    Optional<Candidate> get(String candidateId);

    /** The {@code k} candidates (open and ignored) whose centroids are most similar, best first. */
    List<CandidateHit> nearest(float[] embedding, int k);

    /** Every candidate, most visits first (ties: most recently seen first). */
    List<Candidate> list();

    /** Removes a candidate, its shots included; false when it was not there. */
    boolean delete(String candidateId);

    /** Deletes every candidate last seen before {@code timeMs} (retention); returns how many went. */
    long deleteLastSeenBefore(long timeMs);

    long count();

    @Override
    void close();

    static void checkWrite(CandidateStore store, List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (!store.modelVersion().equals(c.modelVersion())) {
                throw new ModelVersionMismatchException(store.modelVersion(), c.modelVersion());
            }
            if (c.centroid().length != store.dimension()) {
                throw new DimensionMismatchException("candidate '" + c.candidateId() + "'", store.dimension(),
                        c.centroid().length);
            }
            for (CandidateShot s : c.shots()) {
                if (s.embedding().length != store.dimension()) {
                    throw new DimensionMismatchException("candidate '" + c.candidateId() + "' shot '" + s.shotId() + "'",
                            store.dimension(), s.embedding().length);
                }
            }
        }
    }

    static void checkQuery(CandidateStore store, float[] embedding) {
        if (embedding.length != store.dimension()) {
            throw new DimensionMismatchException("candidate query", store.dimension(), embedding.length);
        }
    }
}
