package io.faceflow.app.retrain;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.ReindexReport;
import io.faceflow.recognition.CropReembedder;
import io.faceflow.recognition.ModelAnnouncer;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.job.ParentKeeping;
import io.faceflow.training.job.RolloutDecision;
import io.faceflow.training.job.ScheduleSpec;
import io.faceflow.training.job.TrainOutcome;
import io.faceflow.training.job.TrainRequest;
import io.faceflow.training.job.TrainingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The retrain job the CronJob runs: the gallery's stored enrolment crops (plus optional identity
 * folders) become the new labelled identities; the live model is fine-tuned on them; parent and
 * candidate are compared on the same held-out split, and only a candidate that is not worse is
 * rolled out (gallery re-embedded and switched, then announced).
 */
public final class RetrainJob {
    /**
     * @param parent the live model's bundle (its version must be the gallery's live one)
     * @param extraData identity folders to add to the gallery's people; null for none
     * @param work where the training data, checkpoints and metrics go
     * @param out the candidate bundle
     * @param unseenTolerance how much verification accuracy on unseen identities the candidate may lose (a share)
     * @param keep distillation, learning-rate limit and the guard on people from other data sets
     */
    public record Settings(Path parent, Path extraData, Path work, Path out, String loss, long steps, int batch,
            double lr, double backboneLrScale, double unseenFraction, double holdoutImages, double unseenTolerance,
            long seed, Path modelsDir, String device, int reindexBatch, ParentKeeping keep) {}

    /** What happened: the decision with both models' figures, and the live version afterwards. */
    public record Outcome(RolloutDecision decision, BundleManifest candidate, String liveVersion, ReindexReport reindex) {}

    private final Settings settings;
    private final Consumer<String> log;

    public RetrainJob(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public Outcome run(GalleryManager gallery, ModelAnnouncer announcer) throws IOException {
        BundleManifest parent = ModelBundle.readManifest(settings.parent());
        String live = gallery.catalog().liveModelVersion().orElseThrow(() -> new IllegalArgumentException(
                "the gallery has no live model yet: enrol people first (faceflow enroll)"));
        if (!live.equals(parent.version())) {
            throw new IllegalArgumentException("the gallery's live model is " + live + " but " + settings.parent()
                    + " is " + parent.version() + ": pass the live model's bundle with --model");
        }
        Path data = settings.work().resolve("identities");
        int people = exportCrops(gallery.crops(), data);
        if (settings.extraData() != null) {
            addFolders(settings.extraData(), data);
        }
        log.accept("fine-tuning " + live + " on the crops of " + people + " enrolled people"
                + (settings.extraData() != null ? " and the identity folders in " + settings.extraData() : ""));
        TrainRequest request = new TrainRequest(data, null, settings.loss(), 1000, settings.batch(), settings.out(),
                settings.work().resolve("train"), settings.parent(), false,
                new ScheduleSpec("cosine", settings.lr(), List.of(), 0.1, 0, 0), 0.9, 5e-4, 5.0, 0.0, true,
                settings.seed(), 0, settings.steps(), settings.unseenFraction(), CropMode.DETECT_OR_RESIZE,
                settings.work().resolve("faces"), settings.modelsDir(), settings.device(), null, false,
                settings.backboneLrScale(), settings.holdoutImages(), settings.keep());
        TrainOutcome trained = new TrainingJob(request, log).run();
        BundleManifest candidate = trained.manifest();
        RolloutDecision decision = RolloutDecision.of(candidate.evaluation(), settings.unseenTolerance());
        if (!decision.rollOut()) {
            log.accept("keeping " + live + ": " + decision.reason());
            return new Outcome(decision, candidate, live, null);
        }
        log.accept("rolling out " + candidate.version() + ": " + decision.reason());
        ReindexReport report;
        try (RecognitionModel model = RecognitionModel.load(settings.out(), new ModelOptions(settings.device(), true))) {
            report = gallery.reindex(new CropReembedder(new FaceEmbedder(model, settings.reindexBatch())),
                    settings.reindexBatch());
        }
        announcer.announce(live, candidate.version(), settings.out());
        return new Outcome(decision, candidate, report.toVersion(), report);
    }

    /** Writes each enrolled person's crops as an identity folder; returns how many people. */
    private static int exportCrops(CropStore crops, Path into) throws IOException {
        int people = 0;
        for (String id : crops.identityIds()) {
            Path folder = Files.createDirectories(into.resolve(id));
            for (Map.Entry<String, byte[]> crop : crops.crops(id).entrySet()) {
                Files.write(folder.resolve(crop.getKey() + extension(crop.getValue())), crop.getValue());
            }
            people++;
        }
        if (people < 2) {
            throw new IllegalArgumentException("the gallery's crop store " + crops.root() + " holds " + people
                    + " people; fine-tuning needs several (enrol more, or add identity folders with --data)");
        }
        return people;
    }

    /** Adds identity folders; a folder named like an enrolled person adds to that person's images. */
    private static void addFolders(Path extra, Path into) throws IOException {
        if (!Files.isDirectory(extra)) {
            throw new IllegalArgumentException("--data " + extra + " is not a folder of identity folders");
        }
        try (Stream<Path> identities = Files.list(extra)) {
            for (Path identity : identities.filter(Files::isDirectory).sorted().toList()) {
                Path target = Files.createDirectories(into.resolve(identity.getFileName().toString()));
                try (Stream<Path> images = Files.list(identity)) {
                    for (Path image : images.filter(Files::isRegularFile).sorted().toList()) {
                        Files.copy(image, target.resolve("extra-" + image.getFileName()));
                    }
                }
            }
        }
    }

    private static String extension(byte[] encoded) {
        boolean png = encoded.length > 4 && (encoded[0] & 0xFF) == 0x89 && encoded[1] == 'P';
        return png ? ".png" : ".jpg";
    }
}
