package io.faceflow.contract.topic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header contract of a record on {@link Topics#FRAMES}: value = encoded image bytes,
 * key = camera id, and these headers.
 *
 * <p>Numbers are written as 8-byte big-endian longs (width and height as 4-byte ints) so any
 * client can read them without a text parser; strings are UTF-8.
 */
public final class FrameHeaders {
    public static final String CAMERA_ID = "faceflow.camera";
    /** Capture time, epoch milliseconds (wall clock of the ingest host when the frame was grabbed). */
    public static final String CAPTURE_TIME = "faceflow.capture.ms";
    /** Per camera, starts at 0 for each ingest run and grows by one per sent frame (gaps = drops). */
    public static final String SEQUENCE = "faceflow.seq";
    public static final String WIDTH = "faceflow.width";
    public static final String HEIGHT = "faceflow.height";
    public static final String CONTENT_TYPE = "content-type";

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    /** Raw 8-bit BGR pixels, row-major, no padding: width * height * 3 bytes. */
    public static final String RAW_BGR = "image/x-raw-bgr";

    private FrameHeaders() {}

    /** The headers of one frame, as a value. */
    public record Frame(String cameraId, long captureTimeMs, long sequence, int width, int height,
                        String contentType) {}

    /** Writes all frame headers, replacing any of the same name. */
    public static void write(Headers headers, Frame frame) {
        putString(headers, CAMERA_ID, frame.cameraId());
        putLong(headers, CAPTURE_TIME, frame.captureTimeMs());
        putLong(headers, SEQUENCE, frame.sequence());
        putInt(headers, WIDTH, frame.width());
        putInt(headers, HEIGHT, frame.height());
        putString(headers, CONTENT_TYPE, frame.contentType());
    }

    /**
     * Reads all frame headers.
     *
     * @throws IllegalArgumentException naming the missing or malformed header
     */
    public static Frame read(Headers headers) {
        return new Frame(
                requireString(headers, CAMERA_ID),
                requireLong(headers, CAPTURE_TIME),
                requireLong(headers, SEQUENCE),
                requireInt(headers, WIDTH),
                requireInt(headers, HEIGHT),
                requireString(headers, CONTENT_TYPE));
    }

    public static void putString(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void putLong(Headers headers, String name, long value) {
        headers.remove(name);
        headers.add(name, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    public static void putInt(Headers headers, String name, int value) {
        headers.remove(name);
        headers.add(name, ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }

    public static Optional<String> string(Headers headers, String name) {
        return bytes(headers, name).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public static Optional<Long> longValue(Headers headers, String name) {
        return bytes(headers, name).map(b -> {
            if (b.length != Long.BYTES) {
                throw malformed(name, b.length, Long.BYTES);
            }
            return ByteBuffer.wrap(b).getLong();
        });
    }

    public static Optional<Integer> intValue(Headers headers, String name) {
        return bytes(headers, name).map(b -> {
            if (b.length != Integer.BYTES) {
                throw malformed(name, b.length, Integer.BYTES);
            }
            return ByteBuffer.wrap(b).getInt();
        });
    }

    private static Optional<byte[]> bytes(Headers headers, String name) {
        Header last = headers.lastHeader(name);
        return last == null || last.value() == null ? Optional.empty() : Optional.of(last.value());
    }

    private static String requireString(Headers headers, String name) {
        return string(headers, name).orElseThrow(() -> missing(name));
    }

    private static long requireLong(Headers headers, String name) {
        return longValue(headers, name).orElseThrow(() -> missing(name));
    }

    private static int requireInt(Headers headers, String name) {
        return intValue(headers, name).orElseThrow(() -> missing(name));
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("frame record has no '" + name + "' header; was it written by faceflow ingest?");
    }

    private static IllegalArgumentException malformed(String name, int actual, int expected) {
        return new IllegalArgumentException(
                "frame header '" + name + "' has " + actual + " bytes, expected " + expected);
    }
}
