package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.StopSignals;
import io.faceflow.core.lifecycle.UseGate;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.console.ConsoleServer;
import io.faceflow.console.ConsoleServices;
import io.faceflow.console.ConsoleSettings;
import io.faceflow.console.PasswordHash;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.recognition.GenerationRecipe;
import io.faceflow.recognition.LiveModel;
import io.faceflow.streams.app.ModelWatcher;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Serve the web console: live alerts from faceflow.matches, the gallery (enrol, rename, forget),",
            "search by photo and sightings, and the models with rollback. Without a password it binds to 127.0.0.1",
            "only and needs no sign-in; any other --host needs --password-hash (see `faceflow hash-password`).",
            "An embedded (file:) index admits one process: beside `faceflow streams` use Milvus, or `faceflow demo`."})
public final class ConsoleCommand implements Callable<Integer> {
    /** HTTP, model watcher, live model, gallery, detector and model closes together. */
    static final Duration STOP_BOUND = Duration.ofSeconds(60);
    @Option(names = "--host", defaultValue = ConsoleSettings.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}); any other needs --password-hash.")
    String host;

    @Option(names = "--port", defaultValue = "" + ConsoleSettings.DEFAULT_PORT,
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--password-hash", paramLabel = "HASH", defaultValue = "${env:FACEFLOW_CONSOLE_PASSWORD_HASH}",
            description = "The admin password's hash from `faceflow hash-password` (default:"
                    + " $FACEFLOW_CONSOLE_PASSWORD_HASH). Given, sign-in is required, on 127.0.0.1 too.")
    String passwordHash;

    @Option(names = "--metrics", paramLabel = "URL", split = ",",
            description = "Stream processors' metrics endpoints for the status line, e.g. http://host:9400/metrics.")
    List<URI> metrics = List.of();

    @Option(names = "--max-upload-kb", defaultValue = "8192",
            description = "Largest photo accepted, in KB (default: ${DEFAULT-VALUE}).")
    long maxUploadKb;

    @Option(names = "--threshold", paramLabel = "COSINE",
            description = "Decision threshold for search (default: the bundle's calibrated one).")
    Double threshold;

    @Mixin
    KafkaClientOptions kafkaClient;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    RecognitionOptions recognition;

    @Mixin
    DetectorOptions detector;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        kafkaClient.requiredBootstrap(spec);
        Properties kafka = kafkaClient.client();
        kafkaClient.checkAccess(kafka);
        ConsoleSettings settings = new ConsoleSettings(host, port,
                passwordHash == null || passwordHash.isBlank() ? null : PasswordHash.parse(passwordHash), kafka,
                metrics, maxUploadKb * 1024);
        // SIGTERM asks; this thread closes everything below, and only then does the JVM end.
        int overrunsBefore = UseGate.overruns();
        try (StopSignals signals = StopSignals.install("the console", STOP_BOUND)) {
            serveUntilStopped(settings, kafka, signals);
            StopSignals.haltIfLeftInUse("the console", overrunsBefore);
            return signals.exitCode(ExitCodes.OK);
        }
    }

    @SuppressWarnings("try") // the watcher works by existing: it is opened and closed, never called
    private void serveUntilStopped(ConsoleSettings settings, Properties kafka, StopSignals signals)
            throws InterruptedException {
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryOptions.OpenGallery opened = gallery.open();
                LiveModel live = new LiveModel(recipe(opened).borrowing(model));
                // A switch announced on faceflow.models (reindex, rollback) moves the console's model too.
                ModelWatcher watcher = new ModelWatcher(kafka, live,
                        bundle -> recipe(opened).owning(recognition.load(bundle)));
                ConsoleServer server = ConsoleServer.start(settings, new ConsoleServices(opened.manager(), yunet, live))) {
            spec.commandLine().getOut().println("faceflow console on " + server.uri()
                    + (settings.loginRequired() ? " (sign in with the admin password)" : " (no sign-in: this machine only)"));
            spec.commandLine().getOut().flush();
            signals.await();
        }
    }

    /** A model searching the gallery's live collection, which must hold its version. */
    private GenerationRecipe recipe(GalleryOptions.OpenGallery opened) {
        return new GenerationRecipe(threshold, version -> opened.manager().refreshLive(),
                GenerationRecipe.Serving.direct(recognition.batch()));
    }
}
