package io.faceflow.ingest.metrics;

/** Why a grabbed frame never reached Kafka; a tag on the dropped-frames counter. */
public enum DropReason {
    /** Kafka was slower than the camera: the oldest unsent frame made room for the newest. */
    QUEUE_FULL("queue_full"),
    /** The producer gave up on it (broker gone past the delivery timeout, or a send error). */
    SEND_FAILED("send_failed"),
    /** Larger than the producer's max.request.size. */
    TOO_LARGE("too_large"),
    /** Still queued when ingest shut down. */
    SHUTDOWN("shutdown");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
