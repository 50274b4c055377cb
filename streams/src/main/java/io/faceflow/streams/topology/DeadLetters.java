package io.faceflow.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The header contract of {@code faceflow.frames.dlq}: the original frame (value, key and headers)
 * with why it was refused and where it came from, so it can be inspected and replayed.
 */
public final class DeadLetters {
    public static final String REASON = "faceflow.dlq.reason";
    public static final String TOPIC = "faceflow.dlq.topic";
    public static final String PARTITION = "faceflow.dlq.partition";
    public static final String OFFSET = "faceflow.dlq.offset";

    private DeadLetters() {}

    static void annotate(Headers headers, String reason, String topic, int partition, long offset) {
        put(headers, REASON, reason);
        put(headers, TOPIC, topic);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String reason(Headers headers) {
        var h = headers.lastHeader(REASON);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
