package io.faceflow.training.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the guard among data sets: never one the training data comes from. Only file names matter here. */
class GuardSourcesTest {
    @TempDir
    Path dir;
    Path datasets;

    /** datasets/{alpha, beta}: identity folders; datasets/gamma/people: one level deeper, beside a folder of scenes. */
    @BeforeEach
    void layOut() throws Exception {
        datasets = dir.resolve("datasets");
        people(datasets.resolve("alpha"), "a1", "a2", "a3");
        people(datasets.resolve("beta"), "b1", "b2");
        people(datasets.resolve("gamma/people"), "g1", "g2");
        Files.createDirectories(datasets.resolve("gamma/scenes"));
        Files.write(datasets.resolve("gamma/scenes/s1.jpg"), new byte[1]);
    }

    private static void people(Path root, String... names) throws Exception {
        for (String name : names) {
            Path folder = Files.createDirectories(root.resolve(name));
            Files.write(folder.resolve("1.png"), new byte[1]);
            Files.write(folder.resolve("2.png"), new byte[1]);
        }
    }

    private GuardSpec defaults() {
        return new GuardSpec(List.of(), datasets, 0.003, 300, 0.98);
    }

    @Test
    void theDefaultIsEveryDataSetTheTrainingFolderDoesNotLinkInto() throws Exception {
        Path training = Files.createDirectories(dir.resolve("training"));
        Files.createSymbolicLink(training.resolve("a1"), datasets.resolve("alpha/a1"));
        Files.createSymbolicLink(training.resolve("b2"), datasets.resolve("beta/b2"));
        assertEquals(List.of(datasets.resolve("gamma/people")), GuardSources.choose(defaults(), training));

        // Training directly on a data set rules out that one only.
        assertEquals(List.of(datasets.resolve("beta"), datasets.resolve("gamma/people")),
                GuardSources.choose(defaults(), datasets.resolve("alpha")));
    }

    @Test
    void noIndependentSourceIsRefusedWithWhatToDo() throws Exception {
        Path training = Files.createDirectories(dir.resolve("training"));
        Files.createSymbolicLink(training.resolve("a1"), datasets.resolve("alpha/a1"));
        Files.createSymbolicLink(training.resolve("b1"), datasets.resolve("beta/b1"));
        Files.createSymbolicLink(training.resolve("g1"), datasets.resolve("gamma/people/g1"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> GuardSources.choose(defaults(), training));
        assertTrue(e.getMessage().contains("no independent guard source") && e.getMessage().contains("alpha")
                && e.getMessage().contains("--guard") && e.getMessage().contains("--no-guard"), e.getMessage());

        Exception none = assertThrows(IllegalArgumentException.class, () -> GuardSources.choose(
                new GuardSpec(List.of(), dir.resolve("missing"), 0.003, 300, 0.98), training));
        assertTrue(none.getMessage().contains("missing") && none.getMessage().contains("--guard"), none.getMessage());
    }

    @Test
    void anExplicitGuardMustExistAndNotOverlapTheTrainingData() throws Exception {
        Path training = datasets.resolve("alpha");
        GuardSpec beta = new GuardSpec(List.of(datasets.resolve("beta")), null, 0.003, 300, 0.98);
        assertEquals(List.of(datasets.resolve("beta")), GuardSources.choose(beta, training));

        Exception overlap = assertThrows(IllegalArgumentException.class, () -> GuardSources.choose(
                new GuardSpec(List.of(datasets.resolve("alpha/a2")), null, 0.003, 300, 0.98), training));
        assertTrue(overlap.getMessage().contains("overlaps the training data"), overlap.getMessage());
        Exception missing = assertThrows(IllegalArgumentException.class, () -> GuardSources.choose(
                new GuardSpec(List.of(dir.resolve("nope")), null, 0.003, 300, 0.98), training));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }

    @Test
    void aCappedFolderKeepsWholePeople() {
        var all = io.faceflow.core.image.IdentityFolders.scan(datasets.resolve("alpha"), 2);
        var capped = GuardSet.capped(all, 4, 1);
        assertEquals(2, capped.identities().size());
        assertEquals(4, capped.size());
        capped.byIdentity().values().forEach(images -> assertEquals(2, images.size()));
        assertEquals(all, GuardSet.capped(all, 6, 1), "under the cap: everything");
    }
}
