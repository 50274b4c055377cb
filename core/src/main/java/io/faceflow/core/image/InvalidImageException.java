package io.faceflow.core.image;

/** The bytes given are not an image faceflow can use; the message says why. */
public class InvalidImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidImageException(String message) {
        super(message);
    }

    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
