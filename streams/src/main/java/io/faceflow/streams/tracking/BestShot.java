package io.faceflow.streams.tracking;

import io.faceflow.core.detect.Box;

/** Where a track's highest-quality face is: the frame to cut the thumbnail from, and the box in it. */
public record BestShot(long frameSequence, Box box, double quality) {}
