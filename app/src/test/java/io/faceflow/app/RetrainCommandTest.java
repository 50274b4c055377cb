package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `faceflow retrain` on a real gallery: the eight sitcom people enrolled with the pretrained
 * MobileFaceNet, fine-tuned on their stored crops. One run wrecks the model on purpose (a learning
 * rate of 1000, explicitly allowed) and must be refused by the guard with both figures and exit 4;
 * one leaves the weights as they are (no backbone learning rate), is not worse, and must be rolled
 * out. The guard is given the sitcom photos themselves (copies of the gallery's crops, so dropped)
 * and ORL people (kept).
 */
class RetrainCommandTest {
    @TempDir
    static Path dir;
    static Path parent;
    static String[] where;
    static String guard;

    @BeforeAll
    static void enrolTheSitcomCast() throws Exception {
        parent = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("pretrained"));
        where = new String[] {"--index", "file:" + dir.resolve("index"), "--gallery-store", dir.resolve("crops").toString()};
        Path people = TestResources.testData().resolve("sitcom_cast/people");
        Run enrol = CommandLineTest.run(concat(new String[] {"enroll", "--model", parent.toString(), "--folder",
                people.toString(), "--models-dir", TestResources.models().toString(), "--device", "cpu"}, where));
        assertEquals(0, enrol.exitCode(), "every photo enrolled: " + enrol.err());
        guard = people + "," + TrainCommandTest.orl(dir.resolve("orl"), 1, 6);
    }

    private static Run retrain(String name, String lr, String backboneScale, String... model) {
        return CommandLineTest.run(concat(new String[] {"retrain", "--allow-high-lr", "--guard", guard}, model,
                new String[] {"--work",
                dir.resolve(name).toString(), "--steps", "2", "--batch", "8", "--lr", lr, "--backbone-lr-scale",
                backboneScale, "--unseen", "0.25", "--holdout-images", "0.4", "--seed", "3", "--models-dir",
                TestResources.models().toString(), "--device", "cpu"}, where));
    }

    private static String live() throws Exception {
        Run list = CommandLineTest.run(concat(new String[] {"gallery", "list", "--json"}, where));
        return new ObjectMapper().readTree(list.out()).get("live").asText();
    }

    @Test
    void aWorseCandidateIsRefusedAndANotWorseOneIsRolledOut() throws Exception {
        String parentVersion = ModelBundle.readManifest(parent).version();
        assertEquals(parentVersion, live());

        Run wrecked = retrain("wrecked", "1000", "1", "--model", parent.toString());
        assertEquals(4, wrecked.exitCode(), wrecked.err());
        assertTrue(wrecked.out().startsWith("kept " + parentVersion), wrecked.out());
        assertTrue(wrecked.out().contains("rank-1 on held-out images") && wrecked.out().contains("->"), wrecked.out());
        assertTrue(wrecked.out().contains("guard verification") && wrecked.out().contains("REFUSED"), wrecked.out());
        assertTrue(wrecked.err().contains("dropping " + TestResources.testData().resolve("sitcom_cast/people"))
                && wrecked.err().contains("copies of training faces"), "the gallery's own people: " + wrecked.err());
        assertEquals(parentVersion, live(), "the parent stays live");

        // As a scheduled job runs it: the live bundle is found in a folder of bundles by its version.
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        copyTree(parent, bundles.resolve("live"));
        Run same = retrain("same", "1e-9", "0", "--bundles", bundles.toString());
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().startsWith("rolled out "), same.out() + same.err());
        Path written;
        try (Stream<Path> folders = Files.list(bundles)) {
            written = folders.filter(p -> p.getFileName().toString().startsWith("retrained-")).findFirst().orElseThrow();
        }
        String candidate = ModelBundle.readManifest(written).version();
        assertNotEquals(parentVersion, candidate);
        assertEquals(candidate, live(), "the gallery was re-embedded and switched to the candidate");
        assertEquals(parentVersion, ModelBundle.readManifest(written).trainingSummary().get("init"));
        assertTrue(same.err().contains("faceflow.models"), "the announcement hook says it is not wired: " + same.err());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }
}
