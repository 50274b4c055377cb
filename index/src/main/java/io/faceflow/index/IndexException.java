package io.faceflow.index;

/** Any failure of the index layer; the message says what failed, with which input, and what to do. */
public class IndexException extends RuntimeException {
    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
