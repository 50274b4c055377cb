package io.faceflow.app.command;

import io.faceflow.app.cli.ModelOption;
import io.faceflow.app.cli.ModelsDirOption;
import io.faceflow.app.cli.DeviceOption;
import io.faceflow.app.cli.BundleFolder;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.app.cli.ParentKeepingOptions;
import io.faceflow.app.retrain.RetrainJob;
import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.recognition.ModelAnnouncer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = {"The retrain job (what the k8s CronJob runs): fine-tune the live model with ElasticFace on the"
                + " gallery's stored enrolment crops (plus --data identity folders), evaluate parent and candidate on the"
                + " same held-out split and on the guard (people from data sets not used for training), and roll the"
                + " candidate out (re-embed the gallery, switch, announce) only when it is not worse; otherwise keep the"
                + " parent and say why, with both figures (exit 4 when the guard refused it). With --bootstrap a rolled-out"
                + " model is announced on faceflow.models, so running stream processors switch to it."})
public final class RetrainCommand implements Callable<Integer> {
    @Mixin
    GalleryOptions gallery;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--bundles", paramLabel = "DIR", description = "A folder of bundles (what a scheduled job mounts):"
            + " the live one is found there by the gallery's live version, and the candidate is written there"
            + " (default --out: DIR/retrained-<date-time>).")
    Path bundles;

    @Option(names = "--data", paramLabel = "DIR", description = "Extra identity folders (one sub-folder of photos per person).")
    Path data;

    @Option(names = "--out", paramLabel = "BUNDLE", description = "Candidate bundle (default: <work>/candidate).")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "Training data, checkpoints, metrics (default:"
            + " ~/.faceflow/retrain/<date-time>).")
    Path work;

    @Option(names = "--loss", defaultValue = "elastic-arc+", description = "Margin head (default: ${DEFAULT-VALUE}).")
    String loss;

    // The fine-tuning recipe, shared with `train --init` (TrainCommand.FINE_TUNE_*).
    @Option(names = "--steps", defaultValue = "" + TrainCommand.FINE_TUNE_STEPS,
            description = "Fine-tuning steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--batch", defaultValue = "" + TrainCommand.FINE_TUNE_BATCH,
            description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "" + TrainCommand.FINE_TUNE_LR,
            description = "Head learning rate, cosine to 0 (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--backbone-lr-scale", defaultValue = "" + TrainCommand.FINE_TUNE_BACKBONE_SCALE,
            description = "Backbone learning rate as a multiple of --lr (default: ${DEFAULT-VALUE}).")
    double backboneLrScale;

    @Option(names = "--unseen", defaultValue = "0.3", description = "Share of people kept out of fine-tuning, to check"
            + " the candidate on people it never saw (default: ${DEFAULT-VALUE}).")
    double unseen;

    @Option(names = "--holdout-images", defaultValue = "" + TrainCommand.FINE_TUNE_HOLDOUT, description = "Share of each fine-tuning person's images"
            + " kept out, to check identification (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--max-unseen-loss", defaultValue = "0.5", description = "Verification points on unseen people the"
            + " candidate may lose and still roll out (default: ${DEFAULT-VALUE}).")
    double maxUnseenLoss;

    @Mixin
    ParentKeepingOptions keeping;

    @Option(names = "--seed", defaultValue = "42", description = "Split and training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ModelsDirOption modelsDir;

    @Mixin
    DeviceOption device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path model = modelOption.given();
        if (steps < 1 || batch < 2 || maxUnseenLoss < 0) {
            throw new ParameterException(spec.commandLine(), "need --steps >= 1, --batch >= 2 and --max-unseen-loss >= 0");
        }
        if (model != null && bundles != null) {
            throw new ParameterException(spec.commandLine(), "give --model or --bundles, not both");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = work != null ? work : Path.of(System.getProperty("user.home"), ".faceflow", "retrain", stamp);
        if (kafka.bootstrap() != null) {
            kafka.checkAccess(kafka.client()); // before the hours of training, not after
        }
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            Path parent = model != null ? model
                    : bundles != null ? BundleFolder.live(bundles, opened.catalog().liveModelVersion().orElse(null))
                    : PretrainedRecognizer.ensureBundle(ModelFiles.folder(modelsDir.given()));
            Path candidate = out != null ? out
                    : bundles != null ? bundles.resolve("retrained-" + stamp) : workDir.resolve("candidate");
            RetrainJob.Settings settings;
            try {
                settings = new RetrainJob.Settings(parent, data, workDir, candidate, loss, steps, batch, lr,
                        backboneLrScale, unseen, holdout, maxUnseenLoss / 100, seed, modelsDir.given(), device.device(), 64,
                        keeping.keeping());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            RetrainJob.Outcome o = new RetrainJob(settings, line -> {
                err.println(line);
                err.flush();
            }).run(opened.manager(), announcer(err));
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println((o.decision().rollOut() ? "rolled out " : "kept ") + o.liveVersion() + "\t"
                    + o.decision().reason());
            stdout.flush();
            // A candidate that is merely no better is routine; one that forgot what the parent knew is an alarm.
            return o.decision().refusedByGuard() ? ExitCodes.REFUSED : ExitCodes.OK;
        }
    }

    private ModelAnnouncer announcer(java.io.PrintWriter err) {
        if (kafka.bootstrap() == null) {
            return ModelAnnouncer.notWired(err::println);
        }
        Properties brokers = kafka.client();
        return (previous, next, bundle) -> ModelTopicWriter.announceLive(brokers, next, bundle);
    }
}
