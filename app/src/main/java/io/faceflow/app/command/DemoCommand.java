package io.faceflow.app.command;

import io.faceflow.app.cli.ModelOption;
import io.faceflow.app.cli.ModelsDirOption;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.StopSignals;
import io.faceflow.core.lifecycle.UseGate;
import io.faceflow.app.demo.DemoModels;
import io.faceflow.app.demo.DemoReport;
import io.faceflow.app.demo.DemoRun;
import io.faceflow.app.demo.DemoSettings;
import io.faceflow.console.ConsoleSettings;
import io.faceflow.core.detect.ModelFiles;
import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `faceflow demo`; the bench module's `bench kafka` and `bench soak` extend it through its protected members. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Live face identification on this machine, in one command: starts a single-node Kafka broker",
            "(a child process, data kept in the run folder), enrols the gallery in the embedded index, plays the",
            "camera into Kafka, runs the stream processor and prints each match alert as it arrives, with a",
            "running summary. Ctrl-C stops everything; an HTML report of the alerts is written at the end.",
            "A second run reuses the broker data and the gallery. In this repository's development setup, no",
            "arguments use the sitcom cast photos as the gallery and the sitcom scenes as a looping camera."})
public class DemoCommand implements Callable<Integer> {
    /** The stream's, console's and ingest's closes, the report and the broker's stop, after Ctrl-C. */
    static final Duration STOP_BOUND = Duration.ofSeconds(120);
    static final String REPO_ENV = "FACEFLOW_REPO";
    static final String TESTDATA_ENV = "FACEFLOW_TESTDATA";

    @Option(names = "--gallery", paramLabel = "DIR", description = "One sub-folder of photos per person, named by the person's id.")
    Path gallery;

    static final class Camera {
        @Option(names = "--video", paramLabel = "FILE", description = "A video file, played in a loop.")
        Path video;

        @Option(names = "--camera", paramLabel = "URL", description = "A camera: rtsp://, http(s):// (MJPEG, HLS) or /dev/videoN.")
        String url;

        @Option(names = "--frames", paramLabel = "DIR", description = "A folder of photos played as a looping camera.")
        Path frames;
    }

    @ArgGroup(exclusive = true)
    Camera camera;

    /** Plays this folder of photos as the camera, whatever the options said (the Kafka benchmark's frames). */
    protected void playFolder(Path frames) {
        camera = new Camera();
        camera.frames = frames;
    }

    @Option(names = "--camera-id", paramLabel = "ID", description = "The camera's id on frames and alerts (default: from the source's name).")
    String cameraId;

    @Option(names = "--fps", defaultValue = "2", description = "Frames per second taken from the camera (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: run until Ctrl-C).")
    protected Long durationSeconds;

    @Option(names = "--cooldown", defaultValue = "30", paramLabel = "SECONDS",
            description = "One alert per camera and person per this many seconds (default: ${DEFAULT-VALUE}).")
    protected long cooldownSeconds;

    @Mixin
    ModelOption modelOption;

    @Mixin
    ModelsDirOption modelsDir;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Broker data, index, logs (default: ~/.faceflow/demo).")
    protected Path runDir;

    @Option(names = "--port", defaultValue = "19092", description = "The demo broker's port; it also takes PORT+1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--console-port", defaultValue = "" + ConsoleSettings.DEFAULT_PORT,
            description = "The web console's port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one, -1 starts none).")
    protected int consolePort;

    @Option(names = "--tracks", description = "Follow each face across frames: one decision and one alert per"
            + " track, with how long the person was seen (the stream's tracks=true); people nobody enrolled"
            + " gather on the console's Unknown people page (unknowns=true).")
    boolean tracks;

    @Option(names = "--report", paramLabel = "FILE", description = "The HTML report (default: RUN_DIR/report.html).")
    Path report;

    @Spec
    protected CommandSpec spec;

    private volatile DemoRun current;
    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoSettings settings = settings();
        quietUnlessAsked();
        DemoModels models = DemoModels.resolve(modelsDir.given() != null ? modelsDir.given() : developmentModels(), modelOption.given(), out);
        DemoRun run = new DemoRun(settings, models, out);
        int overrunsBefore = UseGate.overruns();
        try (StopSignals signals = StopSignals.install("the demo", STOP_BOUND, this::stopRuns)) {
            runAndReport(run, out);
            StopSignals.haltIfLeftInUse("the demo", overrunsBefore);
            return signals.exitCode(ExitCodes.OK);
        }
    }

    /** Runs the demo until its end; a subcommand that measures the run wraps this. */
    protected void runAndReport(DemoRun run, PrintWriter out) throws Exception {
        play(run);
    }

    /**
     * Runs {@code run} to its end; Ctrl-C stops it, and once pressed every later run of this
     * command stops as soon as it starts (a bench plays several runs in a row).
     */
    protected final List<DemoReport.Entry> play(DemoRun run) throws InterruptedException, IOException {
        current = run;
        if (stopping) {
            run.requestStop();
        }
        return run.run();
    }

    private void stopRuns() {
        stopping = true;
        DemoRun run = current;
        if (run != null) {
            run.requestStop();
        }
    }

    /**
     * The demo's screen is the alerts and the summary; the services' INFO lines would bury them.
     * FACEFLOW_LOG_LEVEL=INFO brings them back.
     */
    private static void quietUnlessAsked() {
        if (System.getenv("FACEFLOW_LOG_LEVEL") == null) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.faceflow")).setLevel(Level.WARN);
        }
    }

    protected DemoSettings settings() {
        Path people = gallery != null ? gallery : developmentData("people")
                .orElseThrow(() -> usage("give --gallery DIR (one folder of photos per person)"));
        requireFolder(people, "--gallery");
        String url;
        String defaultId;
        if (camera == null || camera.frames != null) {
            Path frames = camera != null ? camera.frames : developmentData("scenes")
                    .orElseThrow(() -> usage("give a camera: --video FILE, --camera URL or --frames DIR"));
            requireFolder(frames, "--frames");
            url = frames.toAbsolutePath().toString();
            defaultId = frames.getFileName().toString();
        } else if (camera.video != null) {
            if (!Files.isRegularFile(camera.video)) {
                throw usage("--video " + camera.video + " is not a file");
            }
            url = camera.video.toAbsolutePath().toString();
            defaultId = camera.video.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        } else {
            url = camera.url;
            defaultId = "camera";
        }
        Path folder = runDir != null ? runDir : Path.of(System.getProperty("user.home"), ".faceflow", "demo");
        try {
            return new DemoSettings(folder.toAbsolutePath(), people.toAbsolutePath(),
                    cameraId != null ? cameraId : defaultId.replaceAll("[^A-Za-z0-9._-]", "_"), url, fps, port,
                    consolePort, durationSeconds == null ? null : Duration.ofSeconds(durationSeconds),
                    Duration.ofSeconds(cooldownSeconds), report != null ? report : folder.resolve("report.html"),
                    tracks, Duration.ZERO, null);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * The sitcom cast data beside this repository (../shared/datasets/sitcom_cast), or under
     * $FACEFLOW_TESTDATA: what the demo uses with no arguments in the development setup.
     */
    private static Optional<Path> developmentData(String part) {
        String testData = System.getenv(TESTDATA_ENV);
        Path datasets = testData != null && !testData.isBlank() ? Path.of(testData) : shared().resolve("datasets");
        Path candidate = datasets.resolve("sitcom_cast").resolve(part).normalize();
        return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** The models beside this repository (../shared/models), when $FACEFLOW_MODELS does not say otherwise. */
    private static Path developmentModels() {
        if (System.getenv(ModelFiles.MODELS_ENV) != null) {
            return null;
        }
        Path models = shared().resolve("models").normalize();
        return Files.isRegularFile(models.resolve(ModelFiles.YUNET_FILE)) ? models : null;
    }

    private static Path shared() {
        String repo = System.getenv(REPO_ENV);
        return Path.of(repo != null && !repo.isBlank() ? repo : ".").resolve("../shared");
    }

    private void requireFolder(Path path, String option) {
        if (!Files.isDirectory(path)) {
            throw usage(option + " " + path + " is not a folder");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
