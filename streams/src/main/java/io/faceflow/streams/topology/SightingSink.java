package io.faceflow.streams.topology;

import io.faceflow.index.sightings.Sighting;
import java.util.List;

/**
 * Where accepted faces are kept for retrospective search (the index's sighting store). Writes are
 * idempotent by sighting id, so a frame processed twice (a replay after a crash) is stored once.
 */
@FunctionalInterface
public interface SightingSink {
    void record(String modelVersion, int dimension, List<Sighting> sightings);

    SightingSink NONE = (version, dimension, sightings) -> {};
}
