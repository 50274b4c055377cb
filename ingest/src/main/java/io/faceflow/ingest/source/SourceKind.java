package io.faceflow.ingest.source;

import java.util.Locale;

/** What a camera URL points at; decides pacing, sampling clock and FFmpeg defaults. */
public enum SourceKind {
    RTSP, HTTP, FILE, DEVICE,
    /** A folder of photos played as a camera (demos and tests). */
    FOLDER;

    public static SourceKind of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return RTSP;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return HTTP;
        }
        if (lower.startsWith("/dev/video") || lower.startsWith("v4l2://")) {
            return DEVICE;
        }
        return java.nio.file.Files.isDirectory(java.nio.file.Path.of(SourceOpener.target(url, FILE))) ? FOLDER : FILE;
    }

    /** Live sources are sampled on the wall clock; files on their own timestamps. */
    public boolean live() {
        return this != FILE && this != FOLDER;
    }

    /** Files and folders can be played again from the start. */
    public boolean replayable() {
        return !live();
    }
}
