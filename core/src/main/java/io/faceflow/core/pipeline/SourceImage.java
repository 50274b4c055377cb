package io.faceflow.core.pipeline;

import io.faceflow.core.image.BgrImage;

/** A decoded image and where it came from. */
public record SourceImage(String source, BgrImage image) {}
