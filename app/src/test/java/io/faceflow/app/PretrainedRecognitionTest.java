package io.faceflow.app;

import static io.faceflow.app.CommandLineTest.concat;
import static io.faceflow.app.CommandLineTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.core.bundle.Calibration;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.testkit.SitcomScenes;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained recogniser through the command line, as a user would run it: import (a fixed
 * batch-1 ONNX file), calibrate on ORL, enrol photos 1-2 of each sitcom person, and search the
 * scenes at the calibrated threshold: every searched face is the right cast member or unknown.
 */
class PretrainedRecognitionTest {

    @TempDir
    static Path dir;
    static Path bundle;
    static String[] where;

    @BeforeAll
    static void importCalibrateEnrol() throws Exception {
        bundle = dir.resolve("mobilefacenet");
        Run imported = CommandLineTest.run("models", "import", "--file", TestResources.pretrainedRecognizer().toString(),
                "--format", "onnx", "--std", "128", "--name", "mobilefacenet", "--out", bundle.toString());
        assertEquals(0, imported.exitCode(), imported.err());

        Run search = CommandLineTest.run("search", "--index", "file:" + dir.resolve("none"), "--model",
                bundle.toString(), "--models-dir", TestResources.models().toString(),
                TestResources.testData().resolve("sitcom_cast/scenes/bbt1.jpg").toString());
        assertEquals(1, search.exitCode());
        assertTrue(search.err().contains("no calibrated decision threshold"), "an uncalibrated bundle needs"
                + " --threshold: " + search.err());

        Run eval = CommandLineTest.run("eval", "--model", bundle.toString(), "--ident",
                TestResources.testData().resolve("orl_faces").toString(), "--crop-mode", "detect-or-resize",
                "--models-dir", TestResources.models().toString(), "--calibrate", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        Calibration c = ModelBundle.readManifest(bundle).calibration();
        assertEquals(1e-3, c.falseAcceptRate());
        assertTrue(c.threshold() > 0 && c.threshold() < 0.9, "threshold " + c.threshold());
        assertTrue(c.data().contains("orl_faces"), c.data());

        Path people = dir.resolve("people");
        for (String person : SitcomScenes.CAST) {
            Files.createDirectories(people.resolve(person));
            for (int i = 1; i <= 2; i++) {
                String name = person + i + ".png";
                Files.copy(TestResources.testData().resolve("sitcom_cast/people/" + person + "/" + name),
                        people.resolve(person).resolve(name));
            }
        }
        where = new String[] {"--index", "file:" + dir.resolve("index"), "--model", bundle.toString(),
            "--models-dir", TestResources.models().toString(), "--device", "cpu"};
        Run enrol = CommandLineTest.run(concat(new String[] {"enroll", "--folder", people.toString()}, where));
        assertEquals(0, enrol.exitCode(), "two photos of each, batch size above the model's fixed 1: " + enrol.err());
    }

    @Test
    void everySceneFaceIsTheRightCastMemberOrUnknownAtTheCalibratedThreshold() throws Exception {
        int labelled = 0;
        int named = 0;
        for (String scene : List.of("bbt1.jpg", "bbt2.jpg", "bbt3.jpg", "bbt4.jpg", "bbt5.jpg")) {
            Path file = TestResources.testData().resolve("sitcom_cast/scenes/" + scene);
            Run run = CommandLineTest.run(concat(new String[] {"search", "--json", file.toString()}, where));
            assertEquals(0, run.exitCode(), run.err());
            for (JsonNode face : jsonLines(run.out())) {
                JsonNode box = face.get("face").get("box");
                String truth = SitcomScenes.personAt(scene, box.get("x").asDouble(), box.get("y").asDouble(),
                        box.get("width").asDouble(), box.get("height").asDouble());
                if (face.has("skipped")) {
                    assertEquals(null, truth, "a cast face was not searched: " + face);
                    continue;
                }
                String decided = face.get("identity").isNull() ? null : face.get("identity").asText();
                if (decided != null) {
                    assertEquals(truth, decided, scene + ": " + face);
                }
                if (truth != null) {
                    labelled++;
                    named += decided != null ? 1 : 0;
                }
            }
        }
        assertEquals(SitcomScenes.FACES.size(), labelled);
        assertTrue(named >= labelled * 3 / 4, named + " of " + labelled + " cast faces named");
    }

    @Test
    void anUnenrolledPersonIsUnknown() throws Exception {
        int searched = 0;
        for (int person = 1; person <= 10; person++) {
            Path stranger = TestResources.testData().resolve("orl_faces/s" + person + "/1.pgm");
            Run run = CommandLineTest.run(concat(new String[] {"search", "--json", stranger.toString()}, where));
            assertEquals(0, run.exitCode(), run.err());
            JsonNode face = jsonLines(run.out()).get(0);
            if (face.has("skipped")) {
                continue; // some ORL photos are too soft to search, which is a right answer too
            }
            searched++;
            assertTrue(face.get("identity").isNull(), stranger + " is nobody enrolled: " + face);
            assertTrue(face.get("score").asDouble() < face.get("threshold").asDouble());
        }
        assertTrue(searched >= 5, "only " + searched + " of 10 strangers were sharp enough to search");
    }

}
