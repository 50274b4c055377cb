package io.faceflow.streams.message;

import io.faceflow.core.detect.Box;

/** A face box in the frame's pixels. */
public record FaceBox(double x, double y, double width, double height) {
    public static FaceBox of(Box b) {
        return new FaceBox(b.x(), b.y(), b.width(), b.height());
    }
}
