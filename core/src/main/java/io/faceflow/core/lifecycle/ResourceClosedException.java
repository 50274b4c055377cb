package io.faceflow.core.lifecycle;

/** Work was asked of a resource that is closing or closed. */
public final class ResourceClosedException extends IllegalStateException {
    public ResourceClosedException(String message) {
        super(message);
    }
}
