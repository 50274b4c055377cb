package io.faceflow.ingest.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/** Turns JavaCV's FFmpeg error messages into something a person can act on. */
public final class FfmpegErrors {
    private static final Pattern CODE = Pattern.compile("error (-?\\d+)");

    private FfmpegErrors() {}

    /** Drops JavaCV's generic hints and adds FFmpeg's text for the error code (e.g. "Connection refused"). */
    public static String explain(String message) {
        if (message == null) {
            return "unknown FFmpeg error";
        }
        String text = message.replace(" (Has setFormat() been called?)", "")
                .replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "")
                .trim();
        Matcher m = CODE.matcher(text);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                byte[] buffer = new byte[256];
                if (avutil.av_strerror(code, buffer, buffer.length) == 0) {
                    int n = 0;
                    while (n < buffer.length && buffer[n] != 0) {
                        n++;
                    }
                    text = text + " [" + new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8) + "]";
                }
            } catch (NumberFormatException | UnsatisfiedLinkError ignored) {
                // keep the message as it is
            }
        }
        return text;
    }
}
