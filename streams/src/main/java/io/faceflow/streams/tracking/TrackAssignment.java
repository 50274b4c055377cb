package io.faceflow.streams.tracking;

/** Which track a face of the frame went to; {@code born} when the face started that track. */
public record TrackAssignment(int faceIndex, String trackId, boolean born) {}
