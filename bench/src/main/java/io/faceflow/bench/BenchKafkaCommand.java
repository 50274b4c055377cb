package io.faceflow.bench;

import io.faceflow.app.bench.BenchFrames;
import io.faceflow.app.bench.PipelineBenchmark;
import io.faceflow.app.command.DemoCommand;
import io.faceflow.app.demo.DemoModels;
import io.faceflow.app.demo.DemoReport;
import io.faceflow.app.demo.DemoRun;
import io.faceflow.app.demo.DemoSettings;
import io.faceflow.app.demo.DemoTally;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The stream processor on the real path, on one machine: ingest playing camera-sized frames into a
 * Kafka broker, the processor, alerts on faceflow.matches; and the same frames through the
 * processor's work in-process, in the same run, so the cost of the path shows as a ratio.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = {"The stream processor through Kafka on this machine (broker, ingest, processor, alerts), beside",
            "the same frames in-process: frames/s decided, frames skipped as stale, capture-to-alert p50/p99 at",
            "--paced-fps, and capture-to-searchable (the sighting store). Frames are --per-frame photos of --images side by side in 1280x720. Takes the demo's options."})
public final class BenchKafkaCommand extends DemoCommand {
    @Option(names = "--images", paramLabel = "DIR", description = "Photos to compose the frames from (default: the gallery).")
    Path images;

    @Option(names = "--per-frame", defaultValue = "2", paramLabel = "N",
            description = "Photos side by side in each frame (default: ${DEFAULT-VALUE}: two-face frames).")
    int perFrame;

    @Option(names = "--frame-count", defaultValue = "40", paramLabel = "N", description = "Frames made and looped (default: ${DEFAULT-VALUE}).")
    int frameCount;

    @Option(names = "--throughput-fps", paramLabel = "FPS", description = {"The camera's rate for the throughput run"
            + " (default: " + OVERLOAD + " x the in-process frames/s just measured, at most 60: enough to keep the",
            "processor busy without the broker and ingest carrying many frames that go stale unread)."})
    Double throughputFps;

    @Option(names = "--paced-fps", defaultValue = "5", description = "The camera's rate for the latency run (default: ${DEFAULT-VALUE}).")
    double pacedFps;

    @Option(names = "--warm-up", defaultValue = "30", paramLabel = "SECONDS", description = {"Each run through Kafka"
            + " first plays its camera this long, unmeasured (the processor joining its group, opening its",
            "transactions, and the JIT compiling the Kafka clients, the sink and the broker: that takes",
            "tens of seconds), as the in-process run warms up first (default: ${DEFAULT-VALUE})."})
    int warmUpSeconds;

    @Option(names = "--commit-ms", paramLabel = "MS", description = {"The processor's commit interval"
            + " (kafka.commit.interval.ms; default: the processor's, 50 ms). Under exactly-once an alert is visible",
            "once its transaction commits: longer means fewer commits and later alerts."})
    Integer commitMs;

    /** The default throughput camera's rate over the in-process frames/s. */
    static final double OVERLOAD = 1.2;

    private List<byte[]> frames;

    @Override
    protected DemoSettings settings() {
        if (perFrame < 1 || perFrame > 8 || frameCount < 1 || pacedFps <= 0 || pacedFps > 60
                || throughputFps != null && (throughputFps <= 0 || throughputFps > 60) || warmUpSeconds < 0
                || commitMs != null && commitMs < 1) {
            throw new ParameterException(spec.commandLine(), "need --per-frame 1 to 8, --frame-count >= 1, rates in"
                    + " (0, 60], --warm-up >= 0 and --commit-ms >= 1");
        }
        if (runDir == null) {
            runDir = Path.of(System.getProperty("user.home"), ".faceflow", "bench-kafka");
        }
        // Every face alerts, so every decided frame yields latencies; the console is not part of the path.
        cooldownSeconds = 0;
        consolePort = -1;
        Path framesDir = runDir.resolve("bench-frames");
        playFolder(framesDir);
        DemoSettings base;
        try {
            Files.createDirectories(framesDir);
            base = super.settings();
            frames = BenchFrames.sideBySide(images != null ? images : base.gallery(), perFrame, frameCount);
            for (int i = 0; i < frames.size(); i++) {
                Files.write(framesDir.resolve(String.format(Locale.ROOT, "frame-%04d.jpg", i)), frames.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's frames into " + framesDir + ": "
                    + e.getMessage(), e);
        }
        Duration duration = durationSeconds != null ? Duration.ofSeconds(durationSeconds) : Duration.ofSeconds(20);
        return base.withCamera("bench-paced", framesDir.toString(), pacedFps).withDuration(duration)
                .withWarmUp(Duration.ofSeconds(warmUpSeconds))
                .withCommitInterval(commitMs == null ? null : Duration.ofMillis(commitMs));
    }

    /** The in-process run, then the throughput run through Kafka, then {@code pacedRun} (the latency run). */
    @Override
    protected void runAndReport(DemoRun pacedRun, PrintWriter out) throws Exception {
        DemoSettings settings = pacedRun.settings();
        PipelineBenchmark.Result inProcess = inProcess(pacedRun.models(), settings.duration(), out);

        double rate = throughputFps != null ? throughputFps : Math.min(60, OVERLOAD * inProcess.framesPerSecond());
        DemoRun throughputRun = new DemoRun(settings.withCamera("bench", settings.cameraUrl(), rate),
                pacedRun.models(), out);
        List<DemoReport.Entry> fastAlerts = play(throughputRun);
        DemoTally fast = throughputRun.durationTally();
        if (fast == null) {
            out.println("[bench] stopped before the throughput run's duration ended: nothing to report");
            return;
        }
        double seconds = settings.duration().toMillis() / 1000.0;
        double decided = fast.framesProcessed() / seconds;

        List<DemoReport.Entry> pacedAlerts = play(pacedRun);
        DemoTally paced = pacedRun.durationTally();
        synchronized (out) {
            out.printf(Locale.ROOT, "[bench] kafka      1 camera at %.1f frames/s for %.0f s: %.1f frames/s decided (%d of %d"
                    + " sent), %d skipped as stale, %d dead letters; capture-to-alert %s; through Kafka / in-process"
                    + " frames/s %.2f%n", rate, seconds, decided, fast.framesProcessed(), fast.framesSent(),
                    fast.framesSkippedStale(), fast.deadLetters(),
                    percentiles(fastAlerts, "bench", throughputRun.measuredFromMs()),
                    decided / inProcess.framesPerSecond());
            out.printf(Locale.ROOT, "[bench] kafka cpu  %s%n", throughputRun.cpuShares());
            if (paced == null) {
                out.println("[bench] stopped before the latency run's duration ended: its figures are left out");
                out.flush();
                return;
            }
            out.printf(Locale.ROOT, "[bench] paced      1 camera at %.1f frames/s for %.0f s: %d of %d decided, %d stale;"
                    + " capture-to-alert %s (warm-up, not counted: %s); capture-to-searchable %s%n", pacedFps, seconds,
                    paced.framesProcessed(), paced.framesSent(), paced.framesSkippedStale(),
                    percentiles(pacedAlerts, "bench-paced", pacedRun.measuredFromMs()),
                    warmUpWorst(pacedAlerts, "bench-paced", pacedRun.measuredFromMs()),
                    percentiles(pacedRun.searchableLag()));
            out.printf(Locale.ROOT, "[bench] paced cpu  %s%n", pacedRun.cpuShares());
            out.flush();
        }
    }

    /** The same frames through the processor's work in-process, with the same model and detector. */
    private PipelineBenchmark.Result inProcess(DemoModels models, Duration duration, PrintWriter out) throws Exception {
        Path temp = Files.createTempDirectory("faceflow-bench-kafka");
        try (RecognitionModel model = RecognitionModel.load(models.bundle(), ModelOptions.DEFAULT);
                YuNetDetector yunet = new YuNetDetector(DetectorConfig.forModels(models.folder()));
                GalleryCatalog catalog = GalleryCatalogs.open("file:" + temp)) {
            PipelineBenchmark bench = new PipelineBenchmark(frames, yunet, new FaceEmbedder(model, 32),
                    new GalleryManager(catalog, new CropStore(temp.resolve("crops"))),
                    new PipelineBenchmark.Settings(1, 32, Duration.ofMillis(2), 640, pacedFps, duration),
                    new PrintStream(System.err, true));
            for (String line : bench.run()) {
                synchronized (out) {
                    out.println("[bench] " + line);
                    out.flush();
                }
            }
            return bench.throughput();
        }
    }

    /** p50 and p99 of the sighting sink's capture-to-searchable timer. */
    private static String percentiles(HistogramSnapshot lag) {
        if (lag == null || lag.count() == 0) {
            return "no sightings stored";
        }
        StringBuilder b = new StringBuilder();
        for (ValueAtPercentile v : lag.percentileValues()) {
            b.append(String.format(Locale.ROOT, "p%.0f %.0f ms, ", v.percentile() * 100, v.value(TimeUnit.MILLISECONDS)));
        }
        return b.append("over ").append(lag.count()).append(" sightings").toString();
    }

    /** The slowest alert on a frame captured during the warm-up: what a cold start costs. */
    private static String warmUpWorst(List<DemoReport.Entry> alerts, String cameraId, long fromMs) {
        return alerts.stream().filter(a -> a.alert().cameraId().equals(cameraId) && a.alert().captureTimeMs() < fromMs)
                .mapToLong(a -> a.seenAtMs() - a.alert().captureTimeMs()).max()
                .stream().mapToObj(ms -> "slowest " + ms + " ms").findFirst().orElse("none");
    }

    /** p50 and p99 of capture-to-alert delay over the alerts of {@code cameraId} on frames captured from {@code fromMs}. */
    private static String percentiles(List<DemoReport.Entry> alerts, String cameraId, long fromMs) {
        long[] delays = alerts.stream().filter(a -> a.alert().cameraId().equals(cameraId))
                .filter(a -> a.alert().captureTimeMs() >= fromMs)
                .mapToLong(a -> a.seenAtMs() - a.alert().captureTimeMs()).sorted().toArray();
        if (delays.length == 0) {
            return "no alerts";
        }
        return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms over %d alerts", delays[(delays.length - 1) / 2],
                delays[(int) Math.ceil(0.99 * delays.length) - 1], delays.length);
    }
}
