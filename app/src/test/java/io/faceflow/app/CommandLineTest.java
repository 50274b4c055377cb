package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.testkit.TestResources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The faceflow command as a user runs it: arguments in, exit code and output back. */
class CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** One JSON document per line of a command's output (the --json form). */
    static java.util.List<JsonNode> jsonLines(String out) throws Exception {
        java.util.List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    /** The argument arrays one after the other. */
    static String[] concat(String[]... parts) {
        return java.util.stream.Stream.of(parts).flatMap(java.util.stream.Stream::of).toArray(String[]::new);
    }

    @Test
    void detectPrintsOneJsonDocumentPerImage() throws Exception {
        Path scene = TestResources.testData().resolve("sitcom_cast/scenes/bbt1.jpg");
        Path portrait = TestResources.testData().resolve("sitcom_cast/people/amy/amy1.png");
        Run r = run("detect", "--json", "--models-dir", TestResources.models().toString(), scene.toString(),
                portrait.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = JSON.readTree(lines[0]);
        assertTrue(first.get("faces").size() >= 3);
        JsonNode face = JSON.readTree(lines[1]).get("faces").get(0);
        assertEquals(5, face.get("landmarks").size());
        assertTrue(face.get("score").asDouble() > 0.7);
    }

    @Test
    void embedReportsImagesWithoutAFaceAndEmbedsTheOthers() throws Exception {
        Path bundle = dir.resolve("model");
        assertEquals(0, run("models", "init", "--arch", "iresnet18", "--out", bundle.toString()).exitCode());
        Path blank = dir.resolve("blank.png");
        Files.write(blank, ImageEncoder.png(new BgrImage(300, 200, new byte[300 * 200 * 3])));
        Path face = TestResources.testData().resolve("sitcom_cast/people/raj/raj1.png");
        Run r = run("embed", "--json", "--model", bundle.toString(), "--device", "cpu", "--models-dir",
                TestResources.models().toString(), blank.toString(), face.toString());
        assertEquals(3, r.exitCode(), "some images rejected: exit code 3; stderr: " + r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertEquals("no face found", JSON.readTree(lines[0]).get("error").asText());
        JsonNode embedded = JSON.readTree(lines[1]);
        assertEquals(512, embedded.get("embedding").size());
        assertTrue(embedded.get("model").asText().startsWith("iresnet18-untrained-"));
    }

    @Test
    void alignedCropsSkipDetection() throws Exception {
        Path bundle = dir.resolve("model");
        run("models", "init", "--arch", "iresnet18", "--out", bundle.toString());
        byte[] px = new byte[112 * 112 * 3];
        new Random(1).nextBytes(px);
        Path crop = Files.write(dir.resolve("crop.png"), ImageEncoder.png(new BgrImage(112, 112, px)));
        Run r = run("embed", "--aligned", "--model", bundle.toString(), "--device", "cpu", crop.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] fields = r.out().strip().split("\t");
        assertEquals(crop.toString(), fields[0]);
        assertEquals(512, fields[1].split(" ").length);
    }

    @Test
    void badCommandLinesFailWithOneLine() {
        Run missing = run("embed");
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("IMAGE"), missing.err());

        Run arch = run("models", "init", "--arch", "resnet7", "--out", dir.resolve("m").toString());
        assertEquals(2, arch.exitCode());
        assertTrue(arch.err().contains("unknown architecture 'resnet7'"), arch.err());

        Run noBundle = run("embed", "--model", dir.resolve("nothing").toString(), "--aligned", "x.png");
        assertEquals(1, noBundle.exitCode());
        assertEquals(1, noBundle.err().strip().lines().count(), noBundle.err());
        assertTrue(noBundle.err().contains("manifest.json"), noBundle.err());

        for (String[] duration : List.of(new String[] {"purge", "--older-than", "soon"},
                new String[] {"rebuild", "--bootstrap", "localhost:9", "--retention", "-P1D"})) {
            Run bad = run(concat(new String[] {"sightings"}, duration, new String[] {"--index", "file:" + dir.resolve("i")}));
            assertEquals(2, bad.exitCode(), bad.err());
            assertTrue(bad.err().contains("ISO-8601") || bad.err().contains("negative"), bad.err());
        }
    }

    @Test
    void streamsFromAFolderOfBundlesNeedsALiveGallery() throws Exception {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        String[] start = {"streams", "--bootstrap", "localhost:9", "--index", "file:" + dir.resolve("index"),
            "--bundles", bundles.toString()};

        Run empty = run(start);
        Run both = run(concat(start, new String[] {"--model", bundles.toString()}));

        assertEquals(2, empty.exitCode(), empty.err());
        assertTrue(empty.err().contains("the gallery has no live model yet"), empty.err());
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("give --model or --bundles, not both"), both.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] cmd : new String[][] {{"--help"}, {"detect", "--help"}, {"embed", "--help"},
                {"models", "init", "--help"}, {"models", "fetch", "--help"}, {"models", "import", "--help"},
                {"demo", "--help"}, {"retrain", "--help"}, {"train", "--help"},
                {"broker", "--help"}, {"alerts", "--help"}}) {
            Run r = run(cmd);
            assertEquals(0, r.exitCode(), String.join(" ", cmd));
            assertTrue(r.out().contains("Usage:"), String.join(" ", cmd));
        }
    }
}
