package io.faceflow.ingest.metrics;

/** Where a camera's source loop is. */
public enum CameraState {
    STARTING, STREAMING, BACKOFF, ENDED, STOPPED
}
