package io.faceflow.ingest.source;

import io.faceflow.ingest.config.CameraConfig;

/** A camera source failed (open, read, stall); the message names the camera and its url. */
public final class SourceException extends Exception {
    public SourceException(CameraConfig camera, String reason) {
        super("camera " + camera.id() + " (" + camera.url() + "): " + reason);
    }

    public SourceException(CameraConfig camera, String reason, Throwable cause) {
        super("camera " + camera.id() + " (" + camera.url() + "): " + reason, cause);
    }
}
