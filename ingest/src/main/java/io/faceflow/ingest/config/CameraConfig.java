package io.faceflow.ingest.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One camera as written in the config file.
 *
 * @param id          camera id: the record key and the {@code faceflow.camera} header
 * @param url         rtsp://, http(s):// (MJPEG, HLS), a file path or file:// URL, or a V4L2 device (/dev/video0)
 * @param fps         frames per second sent to Kafka; 0 sends every decoded frame
 * @param enabled     false keeps the camera in the file without running it
 * @param maxWidth    resize cap (keeps aspect ratio, never upscales); 0 = no cap
 * @param maxHeight   resize cap; 0 = no cap
 * @param jpegQuality 1..100
 * @param realtime    files only: play at the clip's own rate (true) or as fast as decoding allows (false)
 * @param loop        files only: start again at the end
 * @param format      FFmpeg input format when it cannot be guessed (e.g. "v4l2", "mjpeg"); null = guess
 * @param options     FFmpeg input options passed as they are (e.g. rtsp_transport: udp); keys starting
 *                    with "video:" go to the video decoder (e.g. video:threads: "1")
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CameraConfig(
        @JsonProperty("id") String id,
        @JsonProperty("url") String url,
        @JsonProperty("fps") Double fps,
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("maxWidth") Integer maxWidth,
        @JsonProperty("maxHeight") Integer maxHeight,
        @JsonProperty("jpegQuality") Integer jpegQuality,
        @JsonProperty("realtime") Boolean realtime,
        @JsonProperty("loop") Boolean loop,
        @JsonProperty("format") String format,
        @JsonProperty("options") Map<String, String> options) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public CameraConfig {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("camera id '" + id
                    + "' is invalid: use 1-128 letters, digits, '.', '_' or '-'");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("camera " + id + " has no url");
        }
        fps = fps == null ? 5.0 : fps;
        if (fps < 0 || fps.isNaN() || fps > 1000) {
            throw new IllegalArgumentException("camera " + id + ": fps " + fps + " must be between 0 (all frames) and 1000");
        }
        enabled = enabled == null || enabled;
        maxWidth = maxWidth == null ? 0 : maxWidth;
        maxHeight = maxHeight == null ? 0 : maxHeight;
        if (maxWidth < 0 || maxHeight < 0) {
            throw new IllegalArgumentException("camera " + id + ": maxWidth/maxHeight must be >= 0");
        }
        jpegQuality = jpegQuality == null ? 85 : jpegQuality;
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("camera " + id + ": jpegQuality " + jpegQuality + " must be 1..100");
        }
        realtime = realtime == null || realtime;
        loop = loop != null && loop;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A camera with defaults for everything but id, url and fps. */
    public static CameraConfig of(String id, String url, double fps) {
        return new CameraConfig(id, url, fps, true, 0, 0, 85, true, false, null, Map.of());
    }

    public CameraConfig withResizeCap(int width, int height) {
        return new CameraConfig(id, url, fps, enabled, width, height, jpegQuality, realtime, loop, format, options);
    }

    public CameraConfig withPlayback(boolean realtime, boolean loop) {
        return new CameraConfig(id, url, fps, enabled, maxWidth, maxHeight, jpegQuality, realtime, loop, format, options);
    }

    public CameraConfig withOptions(Map<String, String> value) {
        return new CameraConfig(id, url, fps, enabled, maxWidth, maxHeight, jpegQuality, realtime, loop, format, value);
    }

    public CameraConfig withJpegQuality(int quality) {
        return new CameraConfig(id, url, fps, enabled, maxWidth, maxHeight, quality, realtime, loop, format, options);
    }
}
