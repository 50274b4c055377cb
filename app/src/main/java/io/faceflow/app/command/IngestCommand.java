package io.faceflow.app.command;

import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.ingest.Ingest;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.ConfigLoader;
import io.faceflow.ingest.config.IngestConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `faceflow ingest`: camera feeds into Kafka until SIGTERM. The work happens in the ingest module. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Grab camera feeds (RTSP, HTTP MJPEG/HLS, files, V4L2), sample, encode as JPEG and send "
                + "them to Kafka until stopped (SIGTERM/Ctrl-C: stop grabbing, flush, close).",
                "Either --config FILE for many cameras, or --camera ID --url URL for one; --bootstrap overrides the"
                + " config file's brokers."})
public final class IngestCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Cameras and settings, YAML or JSON (see docs/ingest.md).")
    Path config;

    @Option(names = "--camera", paramLabel = "ID", description = "One camera's id (with --url).")
    String camera;

    @Option(names = "--url", paramLabel = "URL", description = "rtsp://, http(s)://, a file, or /dev/videoN (with --camera).")
    String url;

    @Option(names = "--fps", defaultValue = "5", description = "Frames per second sent, 0 = all (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--max-width", defaultValue = "0", description = "Resize cap, 0 = none (default: ${DEFAULT-VALUE}).")
    int maxWidth;

    @Option(names = "--max-height", defaultValue = "0", description = "Resize cap, 0 = none (default: ${DEFAULT-VALUE}).")
    int maxHeight;

    @Option(names = "--jpeg-quality", defaultValue = "85", description = "1..100 (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = "--as-fast-as-possible", description = "Files: read as fast as Kafka takes frames instead of at the clip's rate.")
    boolean fast;

    @Option(names = "--loop", description = "Files: start again at the end.")
    boolean loop;

    @Option(names = "--format", paramLabel = "FMT", description = "FFmpeg input format when it cannot be guessed (e.g. mjpeg).")
    String format;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "FFmpeg option, repeatable (e.g. rtsp_transport=udp).")
    Map<String, String> options;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Target topic (overrides the config; default faceflow.frames).")
    String topic;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Prometheus endpoint port, 0 = any free port, -1 = off (overrides the config; default 9404).")
    Integer metricsPort;

    @Mixin
    KafkaClientOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IngestConfig settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("faceflow ingest: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        kafka.checkAccess(kafka.forBootstrap(settings.bootstrap()));
        long delivered;
        try {
            delivered = Ingest.runUntilStopped(settings);
        } catch (IllegalArgumentException | java.io.UncheckedIOException | org.apache.kafka.common.KafkaException e) {
            // Bad bootstrap string, producer settings the client refuses, metrics port taken.
            String cause = e.getCause() == null || e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage();
            spec.commandLine().getErr().println("faceflow ingest: " + e.getMessage() + cause);
            return ExitCodes.FAILED;
        }
        if (delivered == 0) {
            spec.commandLine().getErr().println("faceflow ingest: no frame was delivered to Kafka at "
                    + settings.bootstrap() + " (see the warnings above)");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private IngestConfig settings() {
        boolean single = camera != null || url != null;
        if (config == null && !single) {
            throw new IllegalArgumentException("give --config FILE, or --camera ID with --url URL");
        }
        if (config != null && single) {
            throw new IllegalArgumentException("give either --config or --camera/--url, not both");
        }
        IngestConfig result;
        if (config != null) {
            result = ConfigLoader.load(config);
        } else {
            if (camera == null || url == null) {
                throw new IllegalArgumentException("--camera and --url go together");
            }
            result = IngestConfig.of(null, List.of(new CameraConfig(camera, url, fps, true, maxWidth, maxHeight,
                    jpegQuality, !fast, loop, format, options)));
        }
        if (kafka.bootstrap() != null) {
            result = result.withBootstrap(kafka.bootstrap());
        }
        if (topic != null) {
            result = result.withTopic(topic);
        }
        if (metricsPort != null) {
            result = result.withMetricsPort(metricsPort);
        }
        Map<String, String> producer = new java.util.HashMap<>(result.producer());
        producer.putAll(kafka.settings());
        result = result.withProducer(producer);
        if (result.bootstrap() == null || result.bootstrap().isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers: pass --bootstrap HOST:PORT");
        }
        if (result.enabledCameras().isEmpty()) {
            throw new IllegalArgumentException("no enabled camera in " + config);
        }
        return result;
    }
}
