package io.faceflow.ingest.source;

import io.faceflow.ingest.config.CameraConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Builds and starts an FFmpeg grabber for a camera, with defaults that suit each kind of source. */
public final class SourceOpener {
    /** Camera options with this prefix are video decoder options rather than input options. */
    public static final String DECODER_PREFIX = "video:";
    private SourceOpener() {}

    /**
     * Opens the camera's source.
     *
     * @param readTimeout bound on any single blocking read, so a dead network source errors out
     *                    instead of hanging the camera's thread
     * @throws SourceException with the camera id, url and FFmpeg's reason
     */
    public static FrameSource open(CameraConfig camera, Duration readTimeout) throws SourceException {
        FfmpegLog.route();
        SourceKind kind = SourceKind.of(camera.url());
        String target = target(camera.url(), kind);
        if (kind == SourceKind.FOLDER) {
            return ImageFolderSource.open(camera, Path.of(target));
        }
        if (kind == SourceKind.FILE && !Files.isRegularFile(Path.of(target))) {
            throw new SourceException(camera, "file does not exist or is not a regular file: " + target);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(target);
        Map<String, String> options = new HashMap<>();
        switch (kind) {
            case RTSP -> {
                // TCP by default: UDP loses packets on busy networks and shows as smeared frames.
                options.put("rtsp_transport", "tcp");
                options.put("timeout", String.valueOf(readTimeout.toNanos() / 1000));
            }
            case HTTP -> {
                options.put("rw_timeout", String.valueOf(readTimeout.toNanos() / 1000));
                options.put("reconnect", "0"); // we reconnect ourselves, with backoff and metrics
            }
            case DEVICE -> grabber.setFormat("video4linux2");
            case FILE, FOLDER -> { }
        }
        // "video:KEY" options go to the video decoder (e.g. video:threads: "1"), the rest to the demuxer/protocol.
        camera.options().forEach((key, value) -> {
            if (key.startsWith(DECODER_PREFIX)) {
                grabber.setVideoOption(key.substring(DECODER_PREFIX.length()), value);
            } else {
                options.put(key, value);
            }
        });
        grabber.setOptions(options);
        if (camera.format() != null && !camera.format().isBlank()) {
            grabber.setFormat(camera.format());
        }
        // The interrupt callback aborts blocking reads after this many ms.
        grabber.setTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new SourceException(camera, "cannot open: " + FfmpegErrors.explain(e.getMessage()), e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber);
            throw new SourceException(camera, "opened but has no video stream");
        }
        return new FfmpegSource(grabber);
    }

    static String target(String url, SourceKind kind) {
        if ((kind == SourceKind.FILE || kind == SourceKind.FOLDER) && url.startsWith("file:")) {
            return Path.of(java.net.URI.create(url)).toString();
        }
        if (kind == SourceKind.DEVICE && url.startsWith("v4l2://")) {
            return url.substring("v4l2://".length());
        }
        return url;
    }

    static void closeQuietly(FrameGrabber grabber) {
        if (grabber == null) {
            return;
        }
        try {
            grabber.close();
        } catch (Exception | Error ignored) {
            // Closing a broken stream can fail again; the grabber is discarded either way.
        }
    }
}
