package io.faceflow.index.gallery;

/** Outcome of re-embedding the gallery into a new model version's collection and switching to it. */
public record ReindexReport(String fromVersion, String toVersion, int identities, int templates, long millis) {}
