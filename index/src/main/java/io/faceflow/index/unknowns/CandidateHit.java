package io.faceflow.index.unknowns;

/** A candidate near a query embedding, with the cosine similarity of its centroid (-1..1). */
public record CandidateHit(Candidate candidate, float score) {}
