package io.faceflow.app;

import static io.faceflow.app.CommandLineTest.concat;
import static io.faceflow.app.CommandLineTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.testkit.MilvusServer;
import io.faceflow.testkit.TestResources;
import io.faceflow.training.job.GuardResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery life cycle through the command line, on real photos: enrol, search, re-embed with a
 * new model and switch, roll back, forget. Runs on the embedded index and on a real Milvus.
 */
class GalleryCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path modelA;
    static Path modelB;
    static Path refused;
    static Path people;

    @BeforeAll
    static void models() throws Exception {
        people = dir.resolve("people");
        // Three people of the sitcom set, plus a photo with two faces for a rejection.
        Path source = TestResources.testData().resolve("sitcom_cast");
        for (String who : List.of("amy", "raj", "penny")) {
            Files.createDirectories(people.resolve(who));
            try (Stream<Path> photos = Files.list(source.resolve("people").resolve(who))) {
                for (Path p : photos.sorted().limit(3).toList()) {
                    Files.copy(p, people.resolve(who).resolve(p.getFileName()));
                }
            }
        }
        Files.copy(source.resolve("scenes/bbt1.jpg"), people.resolve("penny/group.jpg"));
        modelA = dir.resolve("model-a");
        modelB = dir.resolve("model-b");
        ModelBundle.initRandom(modelA, IResNetArch.IRESNET18, 1);
        ModelBundle.initRandom(modelB, IResNetArch.IRESNET18, 2);
        // A fine-tuned bundle whose guard refused it (the figures as TrainingJob records them).
        refused = dir.resolve("refused");
        BundleManifest r = ModelBundle.initRandom(refused, IResNetArch.IRESNET18, 3);
        ModelBundle.writeManifest(refused, r.withEvaluation(Map.of("guard",
                new GuardResult("other people", 160, 0.9875, 0.9625, 0.003, 0.93, 0.98).json())));
    }

    @Test
    void embeddedGalleryLifeCycle() throws Exception {
        lifeCycle("file:" + dir.resolve("embedded-index"), dir.resolve("embedded-crops"));
    }

    @Test
    void milvusGalleryLifeCycle() throws Exception {
        try (MilvusServer milvus = MilvusServer.startOrConnect()) {
            lifeCycle(milvus.uri(), dir.resolve("milvus-crops"));
        }
    }

    private static void lifeCycle(String index, Path crops) throws Exception {
        String[] where = {"--index", index, "--gallery-store", crops.toString()};
        String[] detector = {"--models-dir", TestResources.models().toString(), "--device", "cpu"};

        Run enrol = run(concat(new String[] {"enroll", "--json", "--model", modelA.toString(), "--folder",
                people.toString()}, where, detector));
        assertEquals(3, enrol.exitCode(), "the group photo is rejected, the rest enrolled: " + enrol.err());
        List<JsonNode> lines = jsonLines(enrol.out());
        JsonNode group = lines.stream().filter(l -> l.path("image").asText().endsWith("group.jpg")).findFirst()
                .orElseThrow();
        assertEquals("rejected", group.get("status").asText());
        assertTrue(group.get("reason").asText().contains("exactly one"), group.toString());
        assertEquals(3, lines.stream().filter(l -> l.get("status").asText().equals("enrolled")).count());

        Path probe = people.resolve("raj").resolve("raj1.png");
        JsonNode hit = jsonLines(run(concat(new String[] {"search", "--json", "--top", "2", "--threshold", "0.9",
            "--model", modelA.toString(), probe.toString()}, where, detector)).out()).get(0);
        assertEquals("raj", hit.get("matches").get(0).get("identityId").asText(), "an enrolled photo finds its owner");
        assertEquals(1.0, hit.get("matches").get(0).get("score").asDouble(), 1e-3);

        Run forgetful = run(concat(new String[] {"gallery", "reindex", "--model", refused.toString(), "--device", "cpu"},
                where));
        assertEquals(1, forgetful.exitCode(), forgetful.err());
        assertTrue(forgetful.err().contains("98.75 % -> 96.25 %") && forgetful.err().contains("--override-guard"),
                forgetful.err());

        Run reindex = run(concat(new String[] {"gallery", "reindex", "--model", modelB.toString(), "--device", "cpu"},
                where));
        assertEquals(0, reindex.exitCode(), reindex.err());
        String versionB = ModelBundle.readManifest(modelB).version();
        assertTrue(reindex.out().contains("9 templates") && reindex.out().contains(versionB), reindex.out());

        Run stale = run(concat(new String[] {"search", "--threshold", "0.9", "--model", modelA.toString(),
            probe.toString()}, where, detector));
        assertEquals(1, stale.exitCode(), "embeddings of the old model are refused after the switch");
        assertTrue(stale.err().contains("model version"), stale.err());
        JsonNode afterSwitch = jsonLines(run(concat(new String[] {"search", "--json", "--threshold", "0.9",
            "--model", modelB.toString(), probe.toString()}, where, detector)).out()).get(0);
        assertEquals("raj", afterSwitch.get("matches").get(0).get("identityId").asText());

        assertEquals(0, run(concat(new String[] {"gallery", "reindex", "--rollback"}, where)).exitCode());
        JsonNode list = JSON.readTree(run(concat(new String[] {"gallery", "list", "--json"}, where)).out());
        assertEquals(ModelBundle.readManifest(modelA).version(), list.get("live").asText());
        assertEquals(3, list.get("identities").size());

        Run forget = run(concat(new String[] {"forget", "--person", "raj"}, where));
        assertEquals(0, forget.exitCode(), forget.err());
        assertFalse(Files.exists(crops.resolve("raj")), "crops erased");
        JsonNode afterForget = jsonLines(run(concat(new String[] {"search", "--json", "--threshold", "0.9",
            "--model", modelA.toString(), probe.toString()}, where, detector)).out()).get(0);
        for (JsonNode m : afterForget.get("matches")) {
            assertFalse(m.get("identityId").asText().equals("raj"), "raj is gone from the live collection");
        }
        assertEquals(1, run(concat(new String[] {"forget", "--person", "raj"}, where)).exitCode(),
                "forgetting twice says there was nothing to erase");
    }

    private static Run run(String... args) {
        return CommandLineTest.run(args);
    }

}
