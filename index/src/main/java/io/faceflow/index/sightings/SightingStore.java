package io.faceflow.index.sightings;

import io.faceflow.index.DimensionMismatchException;
import io.faceflow.index.ModelVersionMismatchException;
import java.util.List;

/** Every face seen, for one model version: written by the stream, searched by face and time range. */
public interface SightingStore extends AutoCloseable {
    String modelVersion();

    int dimension();

    /** Stores sightings durably before returning; a sighting id seen again replaces the earlier one. */
    void record(List<Sighting> sightings);

    /** Most similar sightings in the time range, best first. */
    List<SightingHit> search(SightingQuery query);

    long count();

    /** Deletes every sighting captured before {@code captureTimeMs} (retention); returns how many went. */
    long deleteBefore(long captureTimeMs);

    /** Deletes every sighting decided to be {@code identityId} (forget); returns how many went. */
    long deleteIdentity(String identityId);

    @Override
    void close();

    static void checkWrite(SightingStore store, List<Sighting> sightings) {
        for (Sighting s : sightings) {
            if (!store.modelVersion().equals(s.modelVersion())) {
                throw new ModelVersionMismatchException(store.modelVersion(), s.modelVersion());
            }
            if (s.embedding().length != store.dimension()) {
                throw new DimensionMismatchException("sighting '" + s.sightingId() + "'", store.dimension(),
                        s.embedding().length);
            }
        }
    }

    static void checkQuery(SightingStore store, SightingQuery query) {
        if (!store.modelVersion().equals(query.modelVersion())) {
            throw new ModelVersionMismatchException(store.modelVersion(), query.modelVersion());
        }
        if (query.embedding().length != store.dimension()) {
            throw new DimensionMismatchException("sighting query", store.dimension(), query.embedding().length);
        }
    }
}
