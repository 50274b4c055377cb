package io.faceflow.core.detect;

/** A point in image pixel coordinates. */
public record Point(double x, double y) {}
