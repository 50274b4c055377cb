package io.faceflow.ingest.source;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** A stream, file or device opened by FFmpeg. */
final class FfmpegSource implements FrameSource {
    private final FFmpegFrameGrabber grabber;

    FfmpegSource(FFmpegFrameGrabber grabber) {
        this.grabber = grabber;
    }

    @Override
    public int width() {
        return grabber.getImageWidth();
    }

    @Override
    public int height() {
        return grabber.getImageHeight();
    }

    @Override
    public double frameRate() {
        return grabber.getFrameRate();
    }

    @Override
    public Frame grabImage() throws Exception {
        return grabber.grabImage();
    }

    @Override
    public long timestampMicros() {
        return grabber.getTimestamp();
    }

    @Override
    public void close() {
        SourceOpener.closeQuietly(grabber);
    }
}
