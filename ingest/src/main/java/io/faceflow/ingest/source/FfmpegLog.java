package io.faceflow.ingest.source;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's own log (the "Input #0 ..." stream dump at every open, decoder chatter) goes through
 * the application's logging at debug level instead of straight to the terminal. What matters to
 * an operator is already said by ingest in its own words (SourceException, FfmpegErrors);
 * {@code FACEFLOW_LOG_LEVEL=DEBUG} shows FFmpeg's detail when a camera needs a closer look.
 */
public final class FfmpegLog extends LogCallback {
    private static final Logger LOG = LoggerFactory.getLogger("io.faceflow.ingest.ffmpeg");
    /** Held for the life of the process: FFmpeg calls it from native code. */
    private static FfmpegLog installed;

    private FfmpegLog() {}

    /** Installs the routing once per process; later calls do nothing. */
    public static synchronized void route() {
        if (installed != null) {
            return;
        }
        // javacv reports rejected FFmpeg options through JavaCPP's logger: send that to SLF4J too.
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        installed = new FfmpegLog();
        avutil.av_log_set_level(LOG.isTraceEnabled() ? avutil.AV_LOG_DEBUG : avutil.AV_LOG_INFO);
        avutil.setLogCallback(installed);
    }

    @Override
    public void call(int level, BytePointer message) {
        if (!LOG.isDebugEnabled() || message == null) {
            return;
        }
        String text = message.getString().stripTrailing();
        if (!text.isEmpty()) {
            LOG.debug("[{}] {}", levelName(level), text);
        }
    }

    private static String levelName(int level) {
        if (level <= avutil.AV_LOG_ERROR) {
            return "error";
        }
        if (level <= avutil.AV_LOG_WARNING) {
            return "warning";
        }
        return level <= avutil.AV_LOG_INFO ? "info" : "verbose";
    }
}
