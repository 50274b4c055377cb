package io.faceflow.streams.app;

import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.gallery.Watchlists;
import io.faceflow.recognition.DecisionOverrides;
import io.faceflow.streams.config.AlertCooldowns;
import io.faceflow.streams.config.FrameGuards;
import io.faceflow.streams.config.TopologySettings;
import io.faceflow.contract.topic.Topics;
import io.faceflow.streams.config.WatchlistRouting;
import io.faceflow.streams.sightings.SightingSinkSettings;
import io.faceflow.streams.tracking.TrackerConfig;
import io.faceflow.streams.unknowns.UnknownsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the stream processor needs to run, checked at start so a bad setting stops it with
 * its reason before any frame is read.
 *
 * @param bundle the model bundle served at start (a later announcement on faceflow.models replaces it)
 * @param threshold decision threshold overriding the bundle's calibrated one; null to use the bundle's
 * @param batchSize faces per forward pass across all stream threads
 * @param maxBatchWait how long the first face of a batch waits for others
 * @param threads stream threads, each taking whole frames through decode, detection and alignment
 *     (one per processor by default: on a CPU detection is most of a frame's work)
 * @param inferenceThreads CPU threads of the embedder's forward passes (0 = one per processor)
 * @param detectMaxSide detect on frames scaled to this longer side (0 = full size)
 * @param processingGuarantee Kafka Streams' processing.guarantee (exactly_once_v2 by default)
 * @param sightings how the sighting store is filled from faceflow.sightings, and how long it keeps them
 * @param unknowns how unknown tracks are clustered into candidates; null when not (needs tracks and an unknown topic)
 * @param kafka further client properties passed to Kafka Streams as they are (security, tuning)
 */
public record StreamsSettings(String bootstrap, String applicationId, String indexUri, Path bundle, Path modelsDir,
        String device, Double threshold, int batchSize, Duration maxBatchWait, int threads, int inferenceThreads,
        int standbyReplicas,
        String processingGuarantee, Path stateDir, int partitions, short replication,
        int metricsPort, FaceQuality quality, int detectMaxSide, TopologySettings topology, SightingSinkSettings sightings,
        UnknownsSettings unknowns, Properties kafka) {

    public StreamsSettings {
        require(bootstrap != null && !bootstrap.isBlank(), "bootstrap servers are required (--bootstrap HOST:PORT)");
        require(indexUri != null && !indexUri.isBlank(), "an index is required (--index file:PATH or milvus://HOST:PORT)");
        require(bundle != null, "a model bundle is required (--model BUNDLE)");
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(!maxBatchWait.isNegative(), "batch wait must be >= 0 ms, got " + maxBatchWait.toMillis());
        require(threads >= 1, "stream threads must be >= 1, got " + threads);
        require(inferenceThreads >= 0, "inference.threads must be >= 0 (0 = one per processor), got "
                + inferenceThreads);
        require(standbyReplicas >= 0, "standby replicas must be >= 0, got " + standbyReplicas);
        require(partitions >= 1 && replication >= 1, "topic partitions and replication must be >= 1");
        require(processingGuarantee.equals("exactly_once_v2") || processingGuarantee.equals("at_least_once"),
                "processing guarantee must be exactly_once_v2 or at_least_once, got " + processingGuarantee);
        require(unknowns == null || topology.tracks() != null, "unknowns=true clusters unknown tracks: it needs"
                + " tracks=true (faces followed over frames), or set unknowns=false");
        require(unknowns == null || topology.unknownTopic() != null, "unknowns=true needs an unknown.topic to read"
                + " unknown tracks from");
        kafka = (Properties) kafka.clone();
    }

    /** Frames larger than this go to the dead letters; topics and clients are sized from it. */
    public int maxFrameBytes() {
        return topology.guards().maxFrameBytes();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Settings from a properties file (keys as in the README's streams section; {@code kafka.*}
     * keys pass through to the Kafka clients without the prefix), then overridden by {@code cli}.
     */
    public static StreamsSettings load(Properties file, Map<String, String> cli) {
        Properties p = new Properties();
        p.putAll(file);
        p.putAll(cli);
        Properties kafka = new Properties();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("kafka.")) {
                kafka.put(key.substring("kafka.".length()), p.getProperty(key));
            }
        }
        Reader r = new Reader(p);
        TopologySettings topology = new TopologySettings(
                r.string("frames.topic", Topics.FRAMES),
                r.string("unknown.topic", r.bool("unknowns", false) ? Topics.UNKNOWNS : null),
                Duration.ofMillis(r.longValue("max.frame.age.ms", 10_000)),
                r.bool("replay", false),
                r.bool("thumbnails", false),
                r.integer("candidates", 5),
                overrides(p),
                new AlertCooldowns(Duration.ofMillis(r.longValue("cooldown.ms", 60_000)), r.durations("cooldown.identity.")),
                new FrameGuards(r.integer("max.frame.bytes", FrameGuards.DEFAULT.maxFrameBytes()),
                        r.integer("max.camera.fps", FrameGuards.DEFAULT.maxCameraFps()),
                        Duration.ofMillis(r.longValue("index.wait.ms", FrameGuards.DEFAULT.indexWait().toMillis()))),
                r.bool("tracks", false) ? tracker(r) : null,
                watchlists(r));
        FaceQuality quality = new FaceQuality(r.integer("quality.min.face", FaceQuality.IDENTIFICATION.minFaceSize()),
                r.doubleValue("quality.min.sharpness", FaceQuality.IDENTIFICATION.minSharpness()),
                r.doubleValue("quality.min.score", 0.0));
        Double threshold = r.optionalDouble("threshold");
        String index = r.string("index", null);
        String applicationId = r.string("application.id", "faceflow-streams");
        SightingSinkSettings sightings = new SightingSinkSettings(
                r.string("sightings.group.id", SightingSinkSettings.defaultGroup(applicationId)),
                r.integer("sightings.batch.records", 500), Duration.ofMillis(r.longValue("sightings.batch.ms", 250)),
                Duration.ofMillis(r.longValue("sightings.retention.ms", Duration.ofDays(30).toMillis())));
        UnknownsSettings unknowns = !r.bool("unknowns", false) ? null : new UnknownsSettings(
                r.string("unknowns.group.id", UnknownsSettings.defaultGroup(applicationId)),
                r.optionalDouble("unknowns.join.threshold"),
                r.doubleValue("unknowns.join.margin", UnknownsSettings.DEFAULT_JOIN_MARGIN),
                r.integer("unknowns.max.shots", UnknownsSettings.DEFAULT_MAX_SHOTS),
                Duration.ofMillis(r.longValue("unknowns.visit.gap.ms", UnknownsSettings.DEFAULT_VISIT_GAP.toMillis())));
        return new StreamsSettings(r.string("bootstrap", null), applicationId,
                index, r.path("model", null), r.path("models.dir", null), r.string("device", "auto"),
                threshold,
                r.integer("batch.size", 32), Duration.ofMillis(r.longValue("batch.wait.ms", 2)),
                r.integer("threads", Runtime.getRuntime().availableProcessors()), r.integer("inference.threads", 0),
                r.integer("standby.replicas", 0),
                r.string("processing.guarantee", "exactly_once_v2"), r.path("state.dir", defaultStateDir(index)),
                r.integer("topic.partitions", 6), (short) r.integer("topic.replication", 1),
                r.integer("metrics.port", 9400), quality,
                r.integer("detect.max.side", 640), topology, sightings, unknowns, kafka);
    }

    /**
     * The thresholds a settings file sets apart from the model's: {@code threshold.camera.<id>} and
     * {@code threshold.identity.<id>} (what `faceflow corrections report` proposes lines for).
     */
    public static DecisionOverrides overrides(Properties settings) {
        Reader r = new Reader(settings);
        return new DecisionOverrides(r.doubles("threshold.camera."), r.doubles("threshold.identity."));
    }

    /** The face tracker from the {@code tracks.*} keys, each defaulting to {@link TrackerConfig#defaults()}. */
    private static TrackerConfig tracker(Reader r) {
        TrackerConfig d = TrackerConfig.defaults();
        try {
            return new TrackerConfig(d.highScore(), d.lowScore(), r.doubleValue("tracks.iou.first", d.firstStageIou()),
                    r.doubleValue("tracks.iou.second", d.secondStageIou()),
                    r.longValue("tracks.max.gap.ms", d.maxGapMs()), r.integer("tracks.min.hits", d.minHits()),
                    r.doubleValue("tracks.embedding.gate", d.embeddingGate()),
                    r.doubleValue("tracks.reembed.gain", d.reembedGain()),
                    r.integer("tracks.reembed.every", d.reembedEveryFaces()), d.maxEmbeddings(),
                    d.velocitySmoothing(), r.integer("tracks.detect.every", d.detectEvery()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tracks settings (tracks.*): " + e.getMessage(), e);
        }
    }

    /**
     * Watchlist routing: {@code alerts.watchlist.topics}, the {@code watchlists} whose topics exist,
     * and {@code camera.<id>.watchlists}, the only watchlists camera {@code <id>} alerts for.
     */
    private static WatchlistRouting watchlists(Reader r) {
        Map<String, List<String>> cameras = new java.util.TreeMap<>();
        String prefix = "camera.";
        String suffix = ".watchlists";
        for (String key : r.p().stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
                cameras.put(key.substring(prefix.length(), key.length() - suffix.length()), r.groups(key));
            }
        }
        try {
            return new WatchlistRouting(r.bool("alerts.watchlist.topics", false), r.groups("watchlists"), cameras);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("watchlist settings: " + e.getMessage(), e);
        }
    }

    /**
     * Kafka Streams' local state (the cooldown store's RocksDB): beside a file: index, so one
     * machine's data stays together; under the temporary folder otherwise.
     */
    static Path defaultStateDir(String indexUri) {
        if (indexUri != null && indexUri.startsWith("file:")) {
            return Path.of(indexUri.substring("file:".length())).resolve("streams-state");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "faceflow-streams-state");
    }

    /** Typed reads with errors that name the key and the bad value. */
    private record Reader(Properties p) {
        String string(String key, String fallback) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        Path path(String key, Path fallback) {
            String v = string(key, null);
            return v == null ? fallback : Path.of(v);
        }

        int integer(String key, int fallback) {
            String v = string(key, null);
            return v == null ? fallback : parse(key, v, Integer::parseInt);
        }

        long longValue(String key, long fallback) {
            String v = string(key, null);
            return v == null ? fallback : parse(key, v, Long::parseLong);
        }

        double doubleValue(String key, double fallback) {
            String v = string(key, null);
            return v == null ? fallback : parse(key, v, Double::parseDouble);
        }

        Double optionalDouble(String key) {
            String v = string(key, null);
            return v == null ? null : parse(key, v, Double::parseDouble);
        }

        boolean bool(String key, boolean fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("setting " + key + "=" + v + " must be true or false");
            }
            return Boolean.parseBoolean(v);
        }

        /** A comma-separated list of watchlist names; empty when the key is not set. */
        List<String> groups(String key) {
            try {
                return Watchlists.parse(string(key, null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
            }
        }

        Map<String, Double> doubles(String prefix) {
            Map<String, Double> out = new java.util.TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(prefix)) {
                    out.put(key.substring(prefix.length()), parse(key, p.getProperty(key).trim(), Double::parseDouble));
                }
            }
            return out;
        }

        Map<String, Duration> durations(String prefix) {
            Map<String, Duration> out = new java.util.TreeMap<>();
            doubles(prefix).forEach((k, v) -> out.put(k, Duration.ofMillis(v.longValue())));
            return out;
        }

        <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("setting " + key + "=" + value + " is not a valid number");
            }
        }
    }
}
