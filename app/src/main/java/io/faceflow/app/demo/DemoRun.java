package io.faceflow.app.demo;

import io.faceflow.app.alerts.AlertLine;
import io.faceflow.app.alerts.AlertTail;
import io.faceflow.app.broker.BrokerProcess;
import io.faceflow.app.broker.LocalBroker;
import io.faceflow.app.cli.InputFiles;
import io.faceflow.console.ConsoleServer;
import io.faceflow.console.ConsoleServices;
import io.faceflow.console.ConsoleSettings;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.ingest.Ingest;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.recognition.Enroller;
import io.faceflow.streams.app.StreamsApp;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.faceflow.streams.app.StreamsSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The product's main job on one machine: a Kafka broker as a child process, the embedded index
 * with the gallery enrolled, ingest playing the camera into Kafka, the stream processor turning
 * frames into alerts, and the alerts printed as they arrive. Everything but the broker runs in
 * this process; everything stops on {@link #requestStop()} (Ctrl-C) or after the set duration.
 */
public final class DemoRun {
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(5);
    /** At the end of a timed run, frames already sent still get processed, up to this long. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final DemoSettings settings;
    private final DemoModels models;
    private final PrintWriter out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<DemoReport.Entry> alerts = Collections.synchronizedList(new ArrayList<>());
    private BufferedWriter alertLog;
    private volatile DemoTally finalTally;
    private volatile DemoTally durationTally;
    private volatile HistogramSnapshot searchableLag;
    private volatile String cpuShares;
    private volatile long measuredFromMs;

    public DemoRun(DemoSettings settings, DemoModels models, PrintWriter out) {
        this.settings = settings;
        this.models = models;
        this.out = out;
    }

    /** The counts when the run's duration ended, before the drain; null before then. */
    public DemoTally durationTally() {
        return durationTally;
    }

    /**
     * From capture to the sighting being searchable in the store, over the run (p50 and p99 as
     * percentile values, in ms); null before the run ends.
     */
    public HistogramSnapshot searchableLag() {
        return searchableLag;
    }

    /**
     * When the measured duration began (epoch ms): after the warm-up, if any. Alerts on frames
     * captured before it belong to the warm-up.
     */
    public long measuredFromMs() {
        return measuredFromMs;
    }

    /** Where the CPU went over the run's duration ({@link CpuShares}); null before the duration ends. */
    public String cpuShares() {
        return cpuShares;
    }

    public DemoSettings settings() {
        return settings;
    }

    public DemoModels models() {
        return models;
    }

    /** The processor's and ingest's counts at the end of the run (after the drain); null before. */
    public DemoTally finalTally() {
        return finalTally;
    }

    /** Asks the run to stop; {@link #run()} then stops everything, writes the report and returns. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Runs until {@link #requestStop()} or the duration; returns the alerts received. */
    public List<DemoReport.Entry> run() throws InterruptedException, IOException {
        long startMs = System.currentTimeMillis();
        say("run folder " + settings.runDir() + " (broker data, index, logs; kept for the next run)");
        LocalBroker local = new LocalBroker(settings.brokerDir(), settings.port());
        say(local.formatted() ? "broker: reusing the data of an earlier run in " + local.dataDir()
                : "broker: starting a new single-node Kafka in " + local.dataDir());
        Files.createDirectories(settings.runDir());
        alertLog = Files.newBufferedWriter(settings.alertLog(), StandardCharsets.UTF_8);
        try (BrokerProcess broker = BrokerProcess.start(local, settings.logDir().resolve("broker.log"),
                Duration.ofSeconds(90))) {
            say("broker: ready on " + broker.bootstrap() + " (pid " + broker.pid() + ", log "
                    + settings.logDir().resolve("broker.log") + ")");
            Map<String, byte[]> enrolledPhotos = enrolGallery();
            DemoTally tally = identify(broker.bootstrap(), broker.pid());
            finalTally = tally;
            say("summary: " + tally.line());
            DemoReport.write(settings.report(), settings, List.copyOf(alerts), enrolledPhotos, tally, startMs,
                    System.currentTimeMillis());
            say("report: " + settings.report().toAbsolutePath() + " (open it in a browser; it holds faces, keep it private);"
                    + " the alerts as JSON lines: " + settings.alertLog());
        } finally {
            alertLog.close();
            say("stopped: broker, stream processor and ingest are down");
        }
        return List.copyOf(alerts);
    }

    /** Runs the stream processor, the console and the camera until the run ends; returns the tally. */
    @SuppressWarnings("try") // the console serves by existing: opened and closed, never called here
    private DemoTally identify(String bootstrap, long brokerPid) throws InterruptedException {
        // One catalog for the stream and the console: the embedded index admits one writer.
        try (GalleryCatalog catalog = GalleryCatalogs.open(indexUri());
                YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(models.folder()))) {
            StreamsApp streams = StreamsApp.start(streamsSettings(bootstrap), catalog);
            try (ConsoleServer console = startConsole(bootstrap, catalog, detector, streams);
                    AlertTail tail = new AlertTail(bootstrap, Map.of(), false)) {
                Thread tailThread = Thread.ofPlatform().name("demo-alerts").daemon().start(() -> tail.run(this::print,
                        (record, problem) -> say("skipped a record on faceflow.matches: " + problem.getMessage())));
                say("stream processor: running, model " + streams.live().version());
                try (Ingest ingest = Ingest.start(ingestConfig(bootstrap))) {
                    say("camera " + settings.cameraId() + ": " + settings.cameraUrl() + " at " + settings.fps()
                            + " fps" + (settings.duration() == null ? "; Ctrl-C stops the demo"
                            : "; stopping after " + settings.duration().toSeconds() + " s"));
                    if (settings.duration() != null && !settings.warmUp().isZero()) {
                        say("warming up for " + settings.warmUp().toSeconds() + " s (not measured)");
                        awaitEnd(ingest, streams, settings.warmUp());
                    }
                    DemoTally atStart = DemoTally.read(ingest, streams.registry());
                    measuredFromMs = System.currentTimeMillis();
                    CpuShares.Snapshot cpuAtStart = CpuShares.take(brokerPid, streams.registry());
                    awaitEnd(ingest, streams, settings.duration());
                    durationTally = DemoTally.read(ingest, streams.registry()).since(atStart);
                    cpuShares = CpuShares.between(cpuAtStart, CpuShares.take(brokerPid, streams.registry()));
                    ingest.close();
                    DemoTally drained = drain(ingest, streams);
                    Timer lag = streams.registry().find("faceflow.sightings.searchable.lag").timer();
                    searchableLag = lag == null ? null : lag.takeSnapshot();
                    return drained;
                } finally {
                    tail.stop();
                    tailThread.join(5_000);
                }
            } finally {
                streams.close();
            }
        }
    }

    /** Waits {@code duration} (null: until Ctrl-C), printing the tally now and then. */
    private void awaitEnd(Ingest ingest, StreamsApp streams, Duration duration) throws InterruptedException {
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long wait = Math.min(SUMMARY_EVERY.toMillis(), Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            if (stopRequested.await(wait, TimeUnit.MILLISECONDS)) {
                say("stopping (Ctrl-C)...");
                return;
            }
            if (streams.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
                throw new IllegalStateException("the stream processor failed; see the log above");
            }
            say(DemoTally.read(ingest, streams.registry()).line());
        }
    }

    /** Lets the processor finish the frames ingest has sent, so a timed run reports on all of them. */
    private DemoTally drain(Ingest ingest, StreamsApp streams) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        DemoTally tally = DemoTally.read(ingest, streams.registry());
        while (!tally.caughtUp() && System.nanoTime() < deadline && stopRequested.getCount() > 0) {
            Thread.sleep(200);
            tally = DemoTally.read(ingest, streams.registry());
        }
        // The last alerts are committed with the last frames; give the reader a moment to see them.
        Thread.sleep(1_000);
        return tally;
    }

    private void print(AlertTail.Received received) {
        alerts.add(new DemoReport.Entry(received.alert(), received.seenAtMs()));
        try {
            synchronized (alertLog) {
                alertLog.write(new String(received.json(), StandardCharsets.UTF_8));
                alertLog.newLine();
                alertLog.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settings.alertLog() + ": " + e.getMessage(), e);
        }
        synchronized (out) {
            out.println("ALERT " + AlertLine.format(received.alert(), received.seenAtMs()));
            out.flush();
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println("[demo] " + line);
            out.flush();
        }
    }

    /**
     * The web console on 127.0.0.1, without sign-in, on the stream's gallery and live model (so it
     * follows the stream's model switches); null when --console-port is -1.
     */
    private ConsoleServer startConsole(String bootstrap, GalleryCatalog catalog, YuNetDetector detector,
            StreamsApp streams) {
        if (settings.consolePort() < 0) {
            return null;
        }
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrap);
        ConsoleServer console = ConsoleServer.start(new ConsoleSettings(ConsoleSettings.DEFAULT_HOST,
                settings.consolePort(), null, kafka, List.of(URI.create("http://127.0.0.1:" + streams.metricsPort()
                        + "/metrics")), ConsoleSettings.DEFAULT_MAX_UPLOAD_BYTES),
                new ConsoleServices(new GalleryManager(catalog, new CropStore(settings.cropsDir())), detector,
                        streams.live()));
        say("console: " + console.uri() + " (live alerts, gallery, search; this machine only)");
        return console;
    }

    /**
     * Enrols the people not yet in the gallery (a second run reuses what the first enrolled) and
     * returns each person's first enrolled crop for the report.
     */
    private Map<String, byte[]> enrolGallery() {
        Map<String, List<Path>> people = IdentityFolders.scan(settings.gallery(), 1).byIdentity();
        CropStore crops = new CropStore(settings.cropsDir());
        try (GalleryCatalog catalog = GalleryCatalogs.open(indexUri());
                RecognitionModel model = RecognitionModel.load(models.bundle(), ModelOptions.DEFAULT);
                YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(models.folder()))) {
            String live = catalog.liveModelVersion().orElse(null);
            if (live != null && !live.equals(model.version())) {
                throw new IllegalStateException("the gallery in " + settings.indexDir() + " was enrolled with model "
                        + live + ", this run uses " + model.version() + ": run with the same --model, or pass another"
                        + " --run-dir (or delete " + settings.runDir() + ") to start afresh");
            }
            List<String> already = new ArrayList<>(crops.identityIds());
            already.retainAll(people.keySet());
            Map<String, List<Path>> toEnrol = new LinkedHashMap<>(people);
            toEnrol.keySet().removeAll(already);
            if (!already.isEmpty()) {
                say("gallery: reusing " + already.size() + " people enrolled by an earlier run " + already);
            }
            if (!toEnrol.isEmpty()) {
                Enroller enroller = new Enroller(detector, new FaceEmbedder(model, 16), FaceQuality.ENROLMENT,
                        new GalleryManager(catalog, crops));
                for (Map.Entry<String, List<Path>> person : toEnrol.entrySet()) {
                    Map<String, String> problems = new LinkedHashMap<>();
                    Map<String, byte[]> photos = InputFiles.read(person.getValue(), problems);
                    Enroller.Result result = enroller.enrol(person.getKey(), person.getKey(), photos);
                    result.photos().stream().filter(p -> !p.accepted()).forEach(p -> problems.put(p.source(), p.problem()));
                    say("gallery: " + person.getKey() + (result.enrolled() ? " enrolled from " + result.templates()
                            + " photo(s)" : " NOT enrolled (no usable photo)") + (problems.isEmpty() ? ""
                            : ", " + problems.size() + " photo(s) rejected: " + problems));
                }
            }
        }
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (String id : crops.identityIds()) {
            crops.crops(id).values().stream().findFirst().ifPresent(bytes -> photos.put(id, bytes));
        }
        if (photos.isEmpty()) {
            throw new IllegalStateException("nobody could be enrolled from " + settings.gallery()
                    + ": every photo was rejected (see above)");
        }
        return photos;
    }

    private String indexUri() {
        return "file:" + settings.indexDir();
    }

    private StreamsSettings streamsSettings(String bootstrap) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap", bootstrap);
        s.put("application.id", "faceflow-demo");
        s.put("index", indexUri());
        s.put("model", models.bundle().toString());
        s.put("models.dir", models.folder().toString());
        s.put("state.dir", settings.runDir().resolve("streams-state").toString());
        // One camera is one partition, which one stream thread takes: more threads would idle.
        s.put("topic.partitions", "1");
        s.put("threads", "1");
        s.put("thumbnails", "true");
        s.put("tracks", String.valueOf(settings.tracks()));
        // With tracks, the people nobody enrolled gather on the console's Unknown people page.
        s.put("unknowns", String.valueOf(settings.tracks()));
        s.put("cooldown.ms", String.valueOf(settings.cooldown().toMillis()));
        s.put("metrics.port", "0"); // a free port: the console's status line reads it
        if (settings.commitInterval() != null) {
            s.put("kafka.commit.interval.ms", String.valueOf(settings.commitInterval().toMillis()));
        }
        return StreamsSettings.load(new Properties(), s);
    }

    private IngestConfig ingestConfig(String bootstrap) {
        // Files and photo folders loop, so a short clip still makes a demo of any length.
        CameraConfig camera = CameraConfig.of(settings.cameraId(), settings.cameraUrl(), settings.fps())
                .withPlayback(true, true);
        return IngestConfig.of(bootstrap, List.of(camera)).withMetricsPort(-1);
    }
}
