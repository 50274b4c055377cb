package io.faceflow.app.command;

import io.faceflow.app.cli.ModelOption;
import io.faceflow.app.cli.DeviceOption;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.ReindexReport;
import io.faceflow.recognition.CropReembedder;
import io.faceflow.training.job.GuardResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Re-embed every stored face crop with a new model into a new collection, check the counts,",
            "then switch the live gallery to it in one step. Searches keep using the old collection until then.",
            "--rollback switches back to the model version that was live before. With --bootstrap the switch is",
            "announced on faceflow.models, so running stream processors switch too."})
public final class GalleryReindexCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Option(names = "--rollback", description = "Switch back to the previous live model version instead.")
    boolean rollback;

    @Option(names = "--override-guard", description = "Roll out a fine-tuned bundle that its guard refused (it verified"
            + " people from other data sets worse than its parent).")
    boolean overrideGuard;

    @Mixin
    DeviceOption device;

    @Option(names = "--batch", defaultValue = "64", description = "Crops per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    KafkaClientOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path model = modelOption.given();
        if (rollback == (model != null)) {
            throw new ParameterException(spec.commandLine(), "give either --model NEW_BUNDLE or --rollback");
        }
        if (kafka.bootstrap() != null) {
            kafka.checkAccess(kafka.client());
        }
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            GalleryManager manager = opened.manager();
            if (rollback) {
                String version = manager.rollback();
                spec.commandLine().getOut().println("live gallery is back on model version " + version);
                announce(version, null);
                return 0;
            }
            GuardResult guard = GuardResult.recorded(ModelBundle.readManifest(model).evaluation()).orElse(null);
            if (guard != null && !guard.passed() && !overrideGuard) {
                throw new IllegalArgumentException(model + " was refused when it was made: " + guard.describe()
                        + ". It forgot part of what its parent knew; pass --override-guard to roll it out anyway");
            }
            try (RecognitionModel recognition = RecognitionModel.load(model, new ModelOptions(device.device(), true))) {
                ReindexReport r = manager.reindex(new CropReembedder(new FaceEmbedder(recognition, batch)), batch);
                spec.commandLine().getOut().printf(
                        "re-embedded %d people / %d templates / %d unknown-person candidates in %.1f s; live gallery"
                                + " switched from %s to %s%n", r.identities(), r.templates(), r.candidates(),
                        r.millis() / 1000.0, r.fromVersion(), r.toVersion());
                announce(r.toVersion(), model);
                return 0;
            }
        }
    }

    private void announce(String version, Path bundle) {
        if (kafka.bootstrap() == null) {
            return;
        }
        ModelTopicWriter.announceLive(kafka.client(), version, bundle);
        spec.commandLine().getOut().println("announced model " + version + " on faceflow.models at " + kafka.bootstrap());
    }
}
