package io.faceflow.index.gallery;

/**
 * Outcome of re-embedding the gallery into a new model version's collection and switching to it.
 *
 * @param candidates unknown-person candidates re-embedded from their best shots into the new version
 */
public record ReindexReport(String fromVersion, String toVersion, int identities, int templates, int candidates,
                            long millis) {}
