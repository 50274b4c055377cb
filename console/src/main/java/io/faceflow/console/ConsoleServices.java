package io.faceflow.console;

import io.faceflow.core.detect.FaceDetector;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.recognition.LiveModel;

/**
 * What the console works on, opened and closed by its caller: the gallery (crops, collections,
 * sightings), a face detector, and the live model whose embedder and threshold enrolment and
 * search use. The demo hands in the stream processor's own; {@code faceflow console} opens its own.
 */
public record ConsoleServices(GalleryManager gallery, FaceDetector detector, LiveModel live) {}
