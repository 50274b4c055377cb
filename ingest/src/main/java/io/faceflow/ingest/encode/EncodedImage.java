package io.faceflow.ingest.encode;

/** An encoded image and the size it was encoded at. */
public record EncodedImage(byte[] bytes, int width, int height, String contentType) {}
