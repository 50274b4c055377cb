package io.faceflow.ingest.publish;

import io.faceflow.contract.topic.FrameHeaders;

/**
 * One frame ready to send.
 *
 * @param headers   what goes into the record headers
 * @param image     encoded image bytes (the record value)
 * @param grabNanos System.nanoTime() at grab, to measure grab -> broker ack
 */
public record OutgoingFrame(FrameHeaders.Frame headers, byte[] image, long grabNanos) {}
