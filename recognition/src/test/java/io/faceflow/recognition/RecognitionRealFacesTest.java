package io.faceflow.recognition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.model.InputSpec;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
