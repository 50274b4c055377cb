package io.faceflow.index;

import io.faceflow.index.sightings.SightingStore;
import io.faceflow.index.unknowns.CandidateStore;
import java.util.List;
import java.util.Optional;

/**
 * The collections of one index backend: one gallery collection per model version, a live pointer
 * (an alias in Milvus) naming the collection that searches use, and per model version the
 * sightings and the unknown-person candidates.
 */
public interface GalleryCatalog extends AutoCloseable {

    /** Opens the gallery collection of a model version, creating it when absent. */
    FaceIndex open(String modelVersion, int dimension);

    /** Opens an existing gallery collection; empty when there is none for that version. */
    Optional<FaceIndex> openExisting(String modelVersion);

    /** Model versions that have a gallery collection, sorted. */
    List<String> modelVersions();

    /**
     * Removes a gallery collection and everything in it, and the version's unknown-person
     * candidates. Refused for the live one.
     */
    void drop(String modelVersion);

    /** The model version searches use now. */
    Optional<String> liveModelVersion();

    /** The model version that was live before the last switch (what rollback returns to). */
    Optional<String> previousModelVersion();

    /** Points live at this version's collection in one step; the old live one becomes previous. */
    void switchLive(String modelVersion);

    /** Opens the sightings collection of a model version, creating it when absent. */
    SightingStore sightings(String modelVersion, int dimension);

    /**
     * Opens the unknown-person candidates of a model version, creating the collection when absent.
     * {@link #drop(String)} of that version drops its candidates too.
     */
    CandidateStore candidates(String modelVersion, int dimension);

    /** A short description for logs and errors (never contains the token). */
    String describe();

    @Override
    void close();
}
