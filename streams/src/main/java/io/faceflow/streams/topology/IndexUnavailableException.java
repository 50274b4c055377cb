package io.faceflow.streams.topology;

/** The index stayed unreachable for a frame's whole wait: the frame is retried, never dropped. */
public final class IndexUnavailableException extends RuntimeException {
    IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
