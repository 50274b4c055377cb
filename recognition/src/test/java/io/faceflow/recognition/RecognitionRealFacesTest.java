package io.faceflow.recognition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.model.InputSpec;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.NegativeStore;
import io.faceflow.index.gallery.ReindexReport;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.testkit.SitcomScenes;
import io.faceflow.testkit.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment, identification with decisions, and re-embedding, with the pretrained recogniser on
 * the sitcom photos. Stuart is never enrolled: he is the stranger who must come back unknown.
 */
class RecognitionRealFacesTest {
    @TempDir
    static Path dir;
    static Path people;
    static YuNetDetector detector;
    static RecognitionModel model;
    static FaceEmbedder embedder;
    static GalleryCatalog catalog;
    static GalleryManager gallery;

    @BeforeAll
    static void enrol() {
        people = TestResources.testData().resolve("sitcom_cast/people");
        Path bundle = dir.resolve("model");
        ModelBundle.importForeign(bundle, TestResources.pretrainedRecognizer(), WeightsFormat.ONNX, "mobilefacenet",
                512, InputSpec.MOBILEFACENET, EmbeddingProtocol.PLAIN);
        detector = new YuNetDetector(DetectorConfig.forModels(TestResources.models()));
        model = RecognitionModel.load(bundle, ModelOptions.CPU);
        embedder = new FaceEmbedder(model, 16);
        catalog = GalleryCatalogs.open("file:" + dir.resolve("index"));
        gallery = new GalleryManager(catalog, new CropStore(dir.resolve("crops")));
        Enroller enroller = new Enroller(detector, embedder, FaceQuality.ENROLMENT, gallery);
        for (String person : SitcomScenes.CAST) {
            if (person.equals("stuart")) {
                continue;
            }
            Enroller.Result r = enroller.enrol(person, person.toUpperCase(), photos(person, 1, 2));
            assertEquals(2, r.templates(), person + ": " + r.photos());
        }
    }

    @AfterAll
    static void close() {
        catalog.close();
        model.close();
        detector.close();
    }

    private static Map<String, byte[]> photos(String person, int from, int to) {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = from; i <= to; i++) {
            Path p = people.resolve(person + "/" + person + i + ".png");
            try {
                photos.put(p.toString(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return photos;
    }

    /**
     * A threshold measured on data the gallery does not hold: the highest similarity between photos
     * 3-5 of two different people (no impostor pair of that set is accepted above it).
     */
    private static double impostorCeiling() {
        List<float[]> vectors = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        Identifier all = identifier(new DecisionThreshold(1, "none"));
        for (String person : SitcomScenes.CAST) {
            for (ImageIdentification image : all.identifyEncoded(photos(person, 3, 5))) {
                image.faces().stream().filter(f -> f.face().accepted()).limit(1).forEach(f -> {
                    vectors.add(f.face().embedding());
                    owners.add(person);
                });
            }
        }
        double ceiling = -1;
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                if (!owners.get(i).equals(owners.get(j))) {
                    ceiling = Math.max(ceiling, Vectors.dot(vectors.get(i), vectors.get(j)));
                }
            }
        }
        return ceiling;
    }

    private static Identifier identifier(DecisionThreshold threshold) {
        return new Identifier(detector, PipelineOptions.of(FaceSelection.ALL, FaceQuality.IDENTIFICATION),
                new LiveModel(ModelGeneration.live(embedder, gallery, threshold, null)), 3);
    }

    @Test
    void everySceneFaceIsTheRightCastMemberOrUnknownAndTheStrangerIsUnknown() throws Exception {
        DecisionThreshold threshold = new DecisionThreshold(impostorCeiling(), "impostor ceiling of photos 3-5");
        Identifier identifier = identifier(threshold);
        int labelled = 0;
        int named = 0;
        for (String scene : List.of("bbt1.jpg", "bbt2.jpg", "bbt3.jpg", "bbt4.jpg", "bbt5.jpg")) {
            Path file = TestResources.testData().resolve("sitcom_cast/scenes/" + scene);
            ImageIdentification result = identifier.identifyEncoded(Map.of(scene, Files.readAllBytes(file))).get(0);
            for (IdentifiedFace f : result.faces()) {
                var box = f.face().detection().box();
                String truth = SitcomScenes.personAt(scene, box.x(), box.y(), box.width(), box.height());
                if (!f.face().accepted()) {
                    assertEquals(null, truth, "a cast face was rejected: " + f.face().rejection());
                    continue;
                }
                String decided = f.decision().identityId();
                if (decided != null) {
                    assertEquals(truth, decided, scene + " face at " + box + " named " + f.decision().label()
                            + " (score " + f.decision().score() + ", threshold " + threshold.value() + ")");
                }
                if (truth != null) {
                    labelled++;
                    named += decided != null ? 1 : 0;
                }
            }
        }
        assertEquals(SitcomScenes.FACES.size(), labelled, "every labelled cast face is detected");
        // No wrong name is the hard rule; naming most of the cast shows the threshold is not simply too high.
        assertTrue(named >= labelled * 3 / 4, named + " of " + labelled + " cast faces named at " + threshold);

        for (ImageIdentification stuart : identifier.identifyEncoded(photos("stuart", 1, 5))) {
            Decision d = stuart.faces().get(0).decision();
            assertFalse(d.known(), stuart.source() + " is not enrolled but was named " + d.label());
        }
    }

    /** The first accepted face of a photo, as the pipeline sees it. */
    private static AnalyzedFace face(String person, int photo) {
        return identifier(new DecisionThreshold(1, "none")).identifyEncoded(photos(person, photo, photo)).get(0)
                .faces().stream().map(IdentifiedFace::face).filter(AnalyzedFace::accepted).findFirst().orElseThrow();
    }

    @Test
    void aNegativeOfAnotherPersonIsProposedAThresholdOnlyWhenItsScoreReachesTheOneInForce() {
        // Penny's face, alerted as Leonard and corrected: the alert's thumbnail is the aligned crop as JPEG.
        AnalyzedFace penny = face("penny", 3);
        String thumbnail = Base64.getEncoder().encodeToString(ImageEncoder.jpeg(penny.crop(), 85));
        MatchAlert alert = new MatchAlert(MatchAlert.SCHEMA_VERSION, "door-1000-7-0", "door", 1_000, 7, "leonard",
                "LEONARD", 0.5, 0.3, new FaceBox(0, 0, 112, 112), model.manifest().version(),
                model.manifest().version(), thumbnail);
        NegativeStore negatives = new NegativeStore(gallery.crops());
        assertTrue(AlertCorrection.notThisPerson(negatives, alert, "ops", 2_000));
        assertFalse(AlertCorrection.notThisPerson(negatives, alert, "ops", 3_000), "one negative per alert");

        // Expected from the original photos through the pipeline, not from the stored images.
        double expected = -1;
        for (int photo = 1; photo <= 2; photo++) {
            expected = Math.max(expected, Vectors.dot(penny.embedding(), face("leonard", photo).embedding()));
        }
        CropReembedder reembedder = new CropReembedder(embedder);
        DecisionThreshold calibrated = new DecisionThreshold(0.99, "calibrated");
        List<NegativeReport.Row> kept = NegativeReport.compute(gallery.crops(), negatives, reembedder,
                DecisionOverrides.NONE, calibrated);
        assertEquals(1, kept.size(), "only Leonard has negatives");
        NegativeReport.Row row = kept.get(0);
        assertEquals("leonard", row.identityId());
        assertEquals(1, row.negatives());
        assertEquals("door-1000-7-0", row.highestAlertId());
        System.out.printf(Locale.ROOT, "penny corrected as not leonard: highest impostor score %.3f from the stored"
                + " JPEG and crops, %.3f from the original photos%n", row.highestImpostorScore(), expected);
        assertEquals(expected, row.highestImpostorScore(), 0.05, "JPEG costs the thumbnail a little");
        assertTrue(row.highestImpostorScore() < 0.99, "two different people: " + row.highestImpostorScore());
        assertEquals(null, row.proposedThreshold(), "below the threshold in force: keep");
        assertEquals(null, row.settingLine());

        double low = row.highestImpostorScore() - 0.1;
        NegativeReport.Row proposed = NegativeReport.compute(gallery.crops(), negatives, reembedder,
                new DecisionOverrides(Map.of(), Map.of("leonard", low)), calibrated).get(0);
        assertEquals(low, proposed.threshold(), 1e-12);
        assertEquals("threshold.identity.leonard", proposed.thresholdSource());
        double p = proposed.proposedThreshold();
        assertTrue(p > row.highestImpostorScore() && p <= row.highestImpostorScore() + 0.01 + 1e-9,
                "just above " + row.highestImpostorScore() + ": " + p);
        assertEquals(String.format(Locale.ROOT, "threshold.identity.leonard=%.2f", p), proposed.settingLine());
        assertEquals(2, gallery.crops().crops("leonard").size(), "a negative never becomes a template");
    }

    @Test
    void reindexingThroughTheCropReembedderGivesTheSameAnswersUnderTheNewVersion() throws Exception {
        // The same weights under the flip protocol: a new version, whose gallery is rebuilt from the crops.
        Path flipBundle = dir.resolve("model-flip");
        ModelBundle.importForeign(flipBundle, TestResources.pretrainedRecognizer(), WeightsFormat.ONNX,
                "mobilefacenet", 512, InputSpec.MOBILEFACENET, EmbeddingProtocol.FLIP_AVERAGED);
        Path galleryDir = dir.resolve("reindex");
        try (RecognitionModel flip = RecognitionModel.load(flipBundle, ModelOptions.CPU);
                GalleryCatalog own = GalleryCatalogs.open("file:" + galleryDir.resolve("index"))) {
            GalleryManager manager = new GalleryManager(own, new CropStore(galleryDir.resolve("crops")));
            Enroller enroller = new Enroller(detector, embedder, FaceQuality.ENROLMENT, manager);
            enroller.enrol("penny", "Penny", photos("penny", 1, 2));
            enroller.enrol("raj", "Raj", photos("raj", 1, 2));
            assertNotEquals(model.version(), flip.version());
            // An unknown-person candidate whose best shots are two aligned crops of Raj, as the old model saw them.
            List<byte[]> shotsOfRaj = List.copyOf(manager.crops().crops("raj").values());
            float[][] seen = new CropReembedder(embedder).embed(shotsOfRaj);
            List<CandidateShot> shots = new ArrayList<>();
            float[] sum = new float[embedder.dimension()];
            for (int i = 0; i < seen.length; i++) {
                shots.add(new CandidateShot("shot-" + i, "door", i, 100, -1, 1, shotsOfRaj.get(i), seen[i]));
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += seen[i][d];
                }
            }
            own.candidates(model.version(), embedder.dimension()).save(new Candidate("stranger-1", model.version(),
                    Vectors.normalize(sum), 2,
                    List.of(new CandidateVisit("event-1", "door", 0, 10)), shots, Candidate.Status.OPEN));

            FaceEmbedder flipEmbedder = new FaceEmbedder(flip, 8);
            ReindexReport report = manager.reindex(new CropReembedder(flipEmbedder), 8);
            assertEquals(2, report.identities());
            assertEquals(4, report.templates());
            assertEquals(1, report.candidates());
            Candidate moved = own.candidates(flip.version(), flipEmbedder.dimension()).get("stranger-1").orElseThrow();
            float[] flipped = new CropReembedder(flipEmbedder).embed(List.of(shotsOfRaj.get(0)))[0];
            assertArrayEquals(flipped, moved.shots().get(0).embedding(), 1e-3f, "shots carry the new model's embedding");
            assertTrue(Vectors.dot(seen[0], moved.shots().get(0).embedding()) < 0.9999, "not the old embedding kept");
            SearchHit nearest = manager.search(new SearchRequest(flip.version(), List.of(moved.centroid()), 1)).get(0)
                    .get(0);
            assertEquals("raj", nearest.identityId(), "the re-embedded centroid lies where the new version puts Raj");
            assertTrue(nearest.score() > 0.8, "score " + nearest.score());
            assertEquals(flip.version(), manager.live().modelVersion());
            Identifier after = new Identifier(detector, PipelineOptions.of(FaceSelection.LARGEST, FaceQuality.ANY),
                    new LiveModel(ModelGeneration.live(flipEmbedder, manager, new DecisionThreshold(0.3, "t"), null)), 1);
            ImageIdentification penny3 = after.identifyEncoded(photos("penny", 3, 3)).get(0);
            assertEquals(flip.version(), penny3.modelVersion());
            assertEquals("penny", penny3.faces().get(0).candidates().get(0).identityId());
        }
    }

    @Test
    void namingACandidateEnrolsTheShotsThatPassTheEnrolmentPolicyAndSaysWhyTheOthersDoNot() throws Exception {
        FacePipeline aligner = new FacePipeline(detector, embedder, PipelineOptions.of(FaceSelection.ONLY,
                FaceQuality.ANY));
        List<AnalyzedFace> stuart = aligner.analyzeEncoded(photos("stuart", 1, 4)).stream()
                .map(f -> f.accepted().get(0)).toList();
        Path galleryDir = dir.resolve("named");
        try (GalleryCatalog own = GalleryCatalogs.open("file:" + galleryDir.resolve("index"))) {
            GalleryManager manager = new GalleryManager(own, new CropStore(galleryDir.resolve("crops")));
            Enroller enroller = new Enroller(detector, embedder, FaceQuality.ENROLMENT, manager);
            CandidateShot tooSmall = shot("far", stuart.get(1), 24, ImageEncoder.jpeg(stuart.get(1).crop(), 90));
            CandidateShot blurred = shot("blurred", stuart.get(2), stuart.get(2).quality().faceSize(),
                    ImageEncoder.jpeg(blur(stuart.get(2).crop()), 90));
            CandidateShot unreadable = shot("broken", stuart.get(0), 80, new byte[] {1, 2, 3});

            Enroller.Result none = enroller.enrolShots("stuart", "Stuart", List.of(tooSmall, blurred, unreadable));
            assertFalse(none.enrolled());
            assertTrue(manager.crops().identity("stuart").isEmpty(), "nothing written when no shot qualifies");
            assertTrue(none.photos().get(0).problem().contains("face is 24 px, below the 40 px minimum"),
                    none.photos().toString());
            assertTrue(none.photos().get(1).problem().startsWith("face is too blurred"), none.photos().toString());
            assertTrue(none.photos().get(2).problem().startsWith("the shot's image cannot be read"),
                    none.photos().toString());

            List<CandidateShot> shots = List.of(tooSmall, shot("s1", stuart.get(0), stuart.get(0).quality().faceSize(),
                    ImageEncoder.jpeg(stuart.get(0).crop(), 90)), blurred, shot("s4", stuart.get(3),
                    stuart.get(3).quality().faceSize(), ImageEncoder.jpeg(stuart.get(3).crop(), 90)));
            Enroller.Result named = enroller.enrolShots("stuart", "Stuart", shots);
            assertEquals(List.of(false, true, false, true), named.photos().stream().map(Enroller.PhotoOutcome::accepted)
                    .toList(), named.photos().toString());
            assertEquals(List.of("far", "s1", "blurred", "s4"), named.photos().stream()
                    .map(Enroller.PhotoOutcome::source).toList());
            assertEquals(2, named.templates());
            assertEquals(List.of("s1", "s4"), List.copyOf(manager.crops().crops("stuart").keySet()));
            Identifier identifier = new Identifier(detector, PipelineOptions.of(FaceSelection.LARGEST,
                    FaceQuality.ANY), new LiveModel(ModelGeneration.live(embedder, manager,
                    new DecisionThreshold(0.3, "t"), null)), 1);
            IdentifiedFace stuart5 = identifier.identifyEncoded(photos("stuart", 5, 5)).get(0).faces().get(0);
            assertEquals("stuart", stuart5.decision().identityId(), "a photo not among the shots is recognised");
        }
    }

    /** A shot as the stream keeps it; its own embedding stands for another model's, which naming must not use. */
    private static CandidateShot shot(String id, AnalyzedFace face, double faceSize, byte[] jpeg) {
        float[] otherModel = new float[8];
        otherModel[0] = 1;
        return new CandidateShot(id, "cam-1", 1_000, faceSize, -1, 1, jpeg, otherModel);
    }

    private static BgrImage blur(BgrImage crop) {
        try (Mat src = crop.toMat(); Mat dst = new Mat(); Size k = new Size(15, 15)) {
            opencv_imgproc.GaussianBlur(src, dst, k, 0);
            return BgrImage.fromMat(dst);
        }
    }
}
