package io.faceflow.streams.topology;

/**
 * What the topology counts, for metrics: the stream's own view of its work. Implementations must
 * be cheap and thread-safe; {@link #NONE} counts nothing.
 */
public interface FrameOutcomes {
    /** A frame of {@code cameraId}, captured at {@code captureTimeMs}, identified with {@code faces} faces. */
    void frame(String cameraId, long captureTimeMs, int faces, long identifyNanos);

    void deadLetter(String reason);

    void staleFrame();

    void alert();

    /** {@code faces} faces of a frame were embedded: every accepted one, or with tracks those the tracker planned. */
    default void embedded(int faces) {}

    void suppressedAlert();

    /** An index call failed as unreachable; the frame waits and retries. */
    default void indexUnavailable(String reason) {}

    /** An index call succeeded. */
    default void indexAvailable() {}

    FrameOutcomes NONE = new FrameOutcomes() {
        @Override
        public void frame(String cameraId, long captureTimeMs, int faces, long identifyNanos) {}

        @Override
        public void deadLetter(String reason) {}

        @Override
        public void staleFrame() {}

        @Override
        public void alert() {}

        @Override
        public void suppressedAlert() {}
    };
}
