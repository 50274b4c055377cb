package io.faceflow.app.command;

import io.faceflow.app.cli.BatchOption;
import io.faceflow.app.cli.ModelOption;
import io.faceflow.app.cli.ModelsDirOption;
import io.faceflow.app.cli.DeviceOption;
import io.faceflow.app.cli.BundleFolder;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.StopSignals;
import io.faceflow.app.cli.IndexOption;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.streams.app.StreamsApp;
import io.faceflow.streams.app.StreamsSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the stream processor: frames from faceflow.frames in; every accepted face to",
            "faceflow.sightings, match alerts to faceflow.matches (one per camera and person per cooldown), bad",
            "frames to faceflow.frames.dlq. Runs until stopped (Ctrl-C or SIGTERM stop it cleanly).",
            "Settings: --config FILE (properties; see docs/streams.md), overridden by the options below."})
public final class StreamsCommand implements Callable<Integer> {
    /** Kafka Streams' close, then the model's last batch, the detector and the index: each bounded below this. */
    static final Duration STOP_BOUND = Duration.ofSeconds(90);
    @Mixin
    IndexOption index;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--bundles", paramLabel = "DIR", description = "A folder of bundles (what a pod mounts): serve the"
            + " one whose version is the gallery's live one, instead of --model.")
    Path bundles;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (Java properties).")
    Path config;

    @Mixin
    ModelsDirOption modelsDir;

    @Option(names = "--threshold", paramLabel = "COSINE", description = "Decision threshold instead of the bundle's calibrated one.")
    Double threshold;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (default: one per processor; at most the frames topic's partitions do work).")
    Integer threads;

    @Mixin
    DeviceOption device;

    @Mixin
    BatchOption batch;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state (default: beside a file: index).")
    Path stateDir;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Prometheus /metrics and /health (default 9400; -1 off).")
    Integer metricsPort;

    @Option(names = "--replay", description = "Process frames however old they are (default: skip frames older than max.frame.age.ms).")
    boolean replay;

    @Option(names = "--thumbnails", description = "Attach the face (base64 JPEG) to every alert.")
    boolean thumbnails;

    @Mixin
    KafkaClientOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StreamsSettings settings;
        try {
            Properties file = file();
            Map<String, String> cli = overrides();
            if (bundles != null) {
                if (modelOption.given() != null) {
                    throw new IllegalArgumentException("give --model or --bundles, not both");
                }
                cli.put("model", liveBundle(file, cli).toString());
            }
            if (file.getProperty("model") == null && !cli.containsKey("model")) {
                cli.put("model", ModelOption.pretrained(modelsDir.given(), spec.commandLine().getErr()::println)
                        .toString());
            }
            settings = StreamsSettings.load(file, cli);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("faceflow streams: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        kafka.checkAccess(StreamsApp.clientProperties(settings));
        try (StopSignals signals = StopSignals.install("the stream processor", STOP_BOUND)) {
            StreamsApp app = StreamsApp.start(settings);
            // Runs until SIGINT/SIGTERM, or until Kafka Streams stops for good by itself.
            while (!signals.await(Duration.ofMillis(500)) && !app.awaitStop(Duration.ZERO)) {
                // waiting
            }
            boolean failed = app.failed();
            StopSignals.stopWithin("the stream processor", STOP_BOUND, app::close);
            return signals.exitCode(failed ? ExitCodes.FAILED : ExitCodes.OK);
        }
    }

    /** The bundle in --bundles that the gallery (--index, or index in --config) serves live. */
    private Path liveBundle(Properties file, Map<String, String> cli) throws IOException {
        String uri = cli.getOrDefault("index", file.getProperty("index"));
        if (uri == null) {
            throw new IllegalArgumentException("--bundles needs the index (--index URI) to know the live version");
        }
        try (GalleryCatalog catalog = GalleryCatalogs.open(uri)) {
            return BundleFolder.live(bundles, catalog.liveModelVersion().orElse(null));
        }
    }

    private Properties file() throws IOException {
        Properties p = new Properties();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config " + config + " is not a file");
            }
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
        }
        return p;
    }

    private Map<String, String> overrides() {
        Map<String, String> m = new LinkedHashMap<>();
        // The client file's settings are the kafka.* pass-through settings, over any in --config.
        kafka.settings().forEach((key, value) -> m.put("kafka." + key, value));
        put(m, "bootstrap", kafka.bootstrap());
        put(m, "index", index.given());
        put(m, "model", modelOption.given());
        put(m, "models.dir", modelsDir.given());
        put(m, "threshold", threshold);
        put(m, "threads", threads);
        put(m, "device", device.given());
        put(m, "batch.size", batch.given());
        put(m, "metrics.port", metricsPort);
        if (replay) {
            m.put("replay", "true");
        }
        if (thumbnails) {
            m.put("thumbnails", "true");
        }
        put(m, "state.dir", stateDir);
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
