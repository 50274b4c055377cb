package io.faceflow.contract.message;

/** A face box in the frame's pixels. */
public record FaceBox(double x, double y, double width, double height) {}
