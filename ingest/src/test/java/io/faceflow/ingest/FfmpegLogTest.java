package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.source.FrameSource;
import io.faceflow.ingest.source.SourceOpener;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FfmpegLogTest {
    @Test
    void ffmpegsStreamDumpGoesToTheApplicationsLogAtDebug(@TempDir Path dir) throws Exception {
        Path video = VideoFixtures.generate(dir.resolve("clip.mp4"), 160, 120, 10, 5);
        Logger ffmpeg = (Logger) LoggerFactory.getLogger("io.faceflow.ingest.ffmpeg");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        ffmpeg.addAppender(seen);
        Level before = ffmpeg.getLevel();
        ffmpeg.setLevel(Level.DEBUG);
        try (FrameSource source = SourceOpener.open(CameraConfig.of("c", video.toString(), 5), Duration.ofSeconds(5))) {
            assertTrue(source.width() == 160);
        } finally {
            ffmpeg.detachAppender(seen);
            ffmpeg.setLevel(before);
        }
        assertTrue(seen.list.stream().allMatch(e -> e.getLevel() == Level.DEBUG), "FFmpeg's chatter is debug");
        assertTrue(seen.list.stream().anyMatch(e -> e.getFormattedMessage().contains("Input #0")),
                "the stream dump FFmpeg prints at every open is in the log: " + seen.list);
    }
}
