package io.faceflow.index.embedded;

/** A document found by vector search, with its cosine similarity. */
record VectorCandidate(int doc, float cosine) {}
