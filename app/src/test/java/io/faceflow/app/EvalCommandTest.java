package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `faceflow eval` on a tiny pairs set and identity folders built from ORL, with an untrained iresnet18. */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path bundle;

    @BeforeAll
    static void makeBundle() {
        bundle = dir.resolve("model");
        assertEquals(0, CommandLineTest.run("models", "init", "--arch", "iresnet18", "--out", bundle.toString()).exitCode());
    }

    @Test
    void pairsGiveAnAccuracyInRangeAndAnRocPng() throws Exception {
        Path orl = TestResources.testData().resolve("orl_faces");
        TestResources.require(Files.isDirectory(orl.resolve("s31")), "ORL faces under " + orl);
        Path images = dir.resolve("lfw");
        // 10 folds, each 1 same + 1 different pair, in LFW's file layout.
        StringBuilder pairs = new StringBuilder("10 1\n");
        for (int s = 31; s <= 40; s++) {
            Files.createDirectories(images.resolve("s" + s));
            for (int k = 1; k <= 3; k++) {
                Files.copy(orl.resolve("s" + s + "/" + k + ".pgm"), images.resolve(String.format("s%d/s%d_%04d.jpg", s, s, k)));
            }
        }
        for (int s = 31; s <= 40; s++) {
            int other = s == 40 ? 31 : s + 1;
            pairs.append("s").append(s).append(" 1 2\n");
            pairs.append("s").append(s).append(" 3 s").append(other).append(" 1\n");
        }
        Path file = Files.writeString(dir.resolve("pairs.txt"), pairs);
        Path png = dir.resolve("out/roc.png");
        CommandLineTest.Run r = CommandLineTest.run("eval", "--model", bundle.toString(), "--pairs", file.toString(),
                "--images", images.toString(), "--models-dir", TestResources.models().toString(), "--device", "cpu",
                "--json", "--roc", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode v = JSON.readTree(r.out().strip()).get("verification");
        assertEquals(20, v.get("pairs").asInt());
        double acc = v.get("accuracy_mean").asDouble();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        assertEquals(2, v.get("tar_at_far").size());
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void identityFoldersGiveIdentificationFigures() throws Exception {
        Path data = TrainCommandTest.orl(dir.resolve("ident"), 21, 26);
        CommandLineTest.Run r = CommandLineTest.run("eval", "--model", bundle.toString(), "--ident", data.toString(),
                "--crop-mode", "aligned", "--unenrolled", "0.34", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ident: verification"), r.out());
        assertTrue(r.out().contains("identification: rank-1"), r.out());
        assertTrue(r.out().contains("TPIR") && r.out().contains("FPIR 1e-01"), r.out());
    }

    @Test
    void usageErrors() {
        CommandLineTest.Run none = CommandLineTest.run("eval", "--model", bundle.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("exactly one of"), none.err());
        CommandLineTest.Run lonely = CommandLineTest.run("eval", "--model", bundle.toString(), "--pairs", "p.txt");
        assertEquals(2, lonely.exitCode());
        CommandLineTest.Run notBundle = CommandLineTest.run("eval", "--model", dir.toString(), "--ident", dir.toString());
        assertEquals(2, notBundle.exitCode());
        assertTrue(notBundle.err().contains("not a model bundle"), notBundle.err());
    }
}
