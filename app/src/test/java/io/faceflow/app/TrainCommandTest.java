package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.testkit.TestResources;
import io.faceflow.training.job.GuardSpec;
import io.faceflow.training.job.ParentKeeping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `faceflow train` as a user runs it: bad input is refused up front, a short real run writes a bundle. */
class TrainCommandTest {
    @TempDir
    Path dir;

    static CommandLineTest.Run run(String... args) {
        return CommandLineTest.run(args);
    }

    /** Copies ORL subjects first..last into {@code into} (real faces from FACEFLOW_TESTDATA, never committed). */
    static Path orl(Path into, int first, int last) throws IOException {
        Path orl = TestResources.testData().resolve("orl_faces");
        TestResources.require(Files.isDirectory(orl.resolve("s" + first)), "ORL faces under " + orl);
        for (int s = first; s <= last; s++) {
            Path target = Files.createDirectories(into.resolve("s" + s));
            for (int k = 1; k <= 10; k++) {
                Files.copy(orl.resolve("s" + s + "/" + k + ".pgm"), target.resolve(k + ".pgm"));
            }
        }
        return into;
    }

    @Test
    void refusesBadInputWithOneLineBeforeTraining() throws Exception {
        String out = dir.resolve("m").toString();
        CommandLineTest.Run missing = run("train", "--data", dir.resolve("nope").toString(), "--arch", "iresnet18", "--out", out);
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("not found"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Path one = orl(dir.resolve("one"), 1, 1);
        CommandLineTest.Run single = run("train", "--data", one.toString(), "--arch", "iresnet18", "--out", out);
        assertEquals(2, single.exitCode());
        assertTrue(single.err().contains("need at least 2"), single.err());

        Path rec = dir.resolve("set.rec");
        Files.write(rec, new byte[8]);
        CommandLineTest.Run noIdx = run("train", "--data", rec.toString(), "--arch", "iresnet18", "--out", out);
        assertEquals(2, noIdx.exitCode());
        assertTrue(noIdx.err().contains("set.idx"), noIdx.err());

        Path two = orl(dir.resolve("two"), 2, 3);
        CommandLineTest.Run badLoss = run("train", "--data", two.toString(), "--arch", "iresnet18", "--loss", "softmax", "--out", out);
        assertEquals(2, badLoss.exitCode());
        assertTrue(badLoss.err().contains("unknown margin head"), badLoss.err());
        CommandLineTest.Run noArch = run("train", "--data", two.toString(), "--out", out);
        assertTrue(noArch.err().contains("--arch"), noArch.err());
        CommandLineTest.Run resume = run("train", "--data", two.toString(), "--arch", "iresnet18", "--out", out, "--resume");
        assertTrue(resume.err().contains("no checkpoint"), resume.err());
        assertFalse(Files.exists(dir.resolve("m.work/metrics.jsonl")));
    }

    /**
     * The guard against the real pretrained model: fine-tuned on ORL people, checked on the sitcom
     * cast (another data set). A deliberately destructive fine-tune (the from-scratch rates that were
     * once `train --init`'s defaults, explicitly allowed, no distillation) is refused with both
     * figures; the fine-tuning defaults pass.
     */
    @Test
    void theGuardRefusesADestructiveFineTuneAndPassesTheRecipe() throws Exception {
        Path parent = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("pretrained"));
        Path data = orl(dir.resolve("orl"), 1, 12);
        Path guard = TestResources.testData().resolve("sitcom_cast/people");
        TestResources.require(Files.isDirectory(guard), "the sitcom cast photos " + guard);
        String[] common = {"train", "--init", parent.toString(), "--data", data.toString(), "--crop-mode", "aligned",
            "--guard", guard.toString(), "--max-steps", "12", "--batch", "16", "--val-fraction", "0.25", "--models-dir",
            TestResources.models().toString(), "--device", "cpu", "--no-progress", "--json"};

        CommandLineTest.Run unasked = run(CommandLineTest.concat(common,
                new String[] {"--lr", "0.1", "--out", dir.resolve("unasked").toString()}));
        assertEquals(2, unasked.exitCode(), unasked.err());
        assertTrue(unasked.err().contains("--allow-high-lr"), unasked.err());

        CommandLineTest.Run wrecked = run(CommandLineTest.concat(common, new String[] {"--lr", "0.1", "--backbone-lr-scale",
            "0.1", "--schedule", "step", "--allow-high-lr", "--distill", "0", "--out", dir.resolve("wrecked").toString()}));
        assertEquals(4, wrecked.exitCode(), wrecked.err());
        assertTrue(wrecked.err().contains("refused") && wrecked.err().contains("guard verification"), wrecked.err());
        assertTrue(wrecked.err().contains("allowed by --allow-high-lr"), "the log says the rate was forced: " + wrecked.err());
        JsonNode refusedGuard = new ObjectMapper().readTree(dir.resolve("wrecked/manifest.json").toFile())
                .get("evaluation").get("guard");
        assertFalse(refusedGuard.get("passed").asBoolean(), refusedGuard.toString());
        assertTrue(refusedGuard.get("child_accuracy").asDouble() < refusedGuard.get("parent_accuracy").asDouble() - 0.003
                || refusedGuard.get("parent_child_cosine").asDouble() < GuardSpec.DEFAULT_MIN_COSINE,
                refusedGuard.toString());

        CommandLineTest.Run recipe = run(CommandLineTest.concat(common,
                new String[] {"--out", dir.resolve("recipe").toString()}));
        assertEquals(0, recipe.exitCode(), recipe.err());
        JsonNode manifest = new ObjectMapper().readTree(recipe.out().strip());
        JsonNode passed = manifest.get("evaluation").get("guard");
        assertTrue(passed.get("passed").asBoolean(), passed.toString());
        assertTrue(passed.get("child_accuracy").asDouble() >= passed.get("parent_accuracy").asDouble() - 0.003
                && passed.get("parent_child_cosine").asDouble() >= GuardSpec.DEFAULT_MIN_COSINE, passed.toString());
        assertTrue(passed.get("source").asText().contains("sitcom_cast"), passed.toString());
        assertEquals(160, passed.get("pairs").asInt(), "8 people x 5 photos: 80 same-person pairs and 80 others");
        assertEquals(ParentKeeping.DEFAULT_DISTILL_WEIGHT, manifest.get("trainingSummary").get("distill_weight").asDouble());
        String schedule = manifest.get("trainingSummary").get("schedule").asText();
        assertTrue(schedule.startsWith("cosine 0.001"), "the fine-tuning recipe by default: " + schedule);
        assertTrue(manifest.get("calibration").get("threshold").isNumber(), "calibration beside the guard");
    }

    @Test
    void aShortRunWritesAnEvaluatedBundle() throws Exception {
        Path data = orl(dir.resolve("orl"), 11, 15);
        Path bundle = dir.resolve("model");
        CommandLineTest.Run r = run("train", "--data", data.toString(), "--arch", "iresnet18", "--loss", "arcface", "--epochs", "1",
                "--max-steps", "1", "--batch", "8", "--schedule", "cosine", "--lr", "0.05", "--val-fraction", "0.4",
                "--crop-mode", "aligned", "--device", "cpu", "--no-progress", "--out", bundle.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode manifest = new ObjectMapper().readTree(r.out().strip());
        assertEquals("ArcFace", manifest.get("loss").asText());
        assertEquals(0.0, manifest.get("lossParameters").get("std").asDouble());
        assertEquals(1, manifest.get("trainingSummary").get("steps").asInt());
        assertTrue(manifest.get("evaluation").get("verification").get("accuracy_mean").isNumber());
        assertTrue(Files.isRegularFile(bundle.resolve("backbone.params")));
        assertTrue(r.err().contains("wrote bundle"), r.err());
        // The bundle embeds with the ordinary command.
        CommandLineTest.Run embed = run("embed", "--model", bundle.toString(), "--aligned", "--device", "cpu", "--json",
                data.resolve("s11/1.pgm").toString());
        assertEquals(0, embed.exitCode(), embed.err());
        assertEquals(512, new ObjectMapper().readTree(embed.out().strip()).get("embedding").size());
    }
}
