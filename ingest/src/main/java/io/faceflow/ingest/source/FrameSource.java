package io.faceflow.ingest.source;

import io.faceflow.ingest.encode.EncodedImage;
import io.faceflow.ingest.encode.JpegEncoder;
import org.bytedeco.javacv.Frame;

/** An opened camera source: decoded images in order, each with its media time. */
public interface FrameSource extends AutoCloseable {
    int width();

    int height();

    /** The source's own frame rate, 0 when it has none. */
    double frameRate();

    /**
     * The next image, or null at the end of a file (or when a network read timed out). A frame
     * whose {@code image} is null carries no picture and is skipped.
     */
    Frame grabImage() throws Exception;

    /**
     * The last image grabbed, ready to send: {@code encoder}'s JPEG of {@code frame}, unless the
     * source holds the image already encoded in a form that may be sent as it is.
     */
    default EncodedImage encode(Frame frame, JpegEncoder encoder) {
        return encoder.encode(frame);
    }

    /** Media time of the last image grabbed, in microseconds; 0 when the source has none. */
    long timestampMicros();

    /** Releases the source; never throws (a broken stream is discarded either way). */
    @Override
    void close();
}
