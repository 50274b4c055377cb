package io.faceflow.index.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.Identity;
import io.faceflow.index.IdentitySummary;
import io.faceflow.index.Template;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.TestVectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of inserts: every identity the writer reported as committed must be there
 * after reopening, and the index must open and accept writes again.
 */
class CrashSafetyTest {
    private static final int REPORTED_BEFORE_KILL = 40;

    @TempDir
    Path temp;

    @Test
    void committedIdentitiesSurviveKill9() throws Exception {
        Path dir = temp.resolve("gallery");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        List<String> other = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    (line.startsWith("committed ") ? committed : other).add(line.replace("committed ", ""));
                }
            } catch (IOException closedByKill) {
                // destroyForcibly closes the pipe
            }
        });
        reader.start();
        while (committed.size() < REPORTED_BEFORE_KILL && child.isAlive()) {
            Thread.sleep(5);
        }
        // Kill while it is busy with the next inserts: no shutdown hooks, no Lucene close.
        child.destroyForcibly();
        child.waitFor();
        reader.join();
        assertTrue(committed.size() >= REPORTED_BEFORE_KILL, "writer ended early: " + other);

        try (LuceneFaceIndex reopened = LuceneFaceIndex.openExisting(dir, EmbeddedOptions.defaults())) {
            Set<String> present = reopened.listIdentities().stream().map(IdentitySummary::identityId)
                    .collect(Collectors.toSet());
            List<String> lost = committed.stream().filter(id -> !present.contains(id)).toList();
            assertTrue(lost.isEmpty(), "committed identities lost after kill -9: " + lost);
            assertTrue(reopened.listIdentities().stream().allMatch(s -> s.templateCount() == 2),
                    "an identity was left half-written");
            reopened.upsert(new Identity("after", "After", Map.of(), List.of(
                    new Template("a", TestVectors.random(new Random(3), 64)))));
            assertEquals("after", reopened.search(new SearchRequest("crash-model",
                    List.of(TestVectors.random(new Random(3), 64)), 1)).get(0).get(0).identityId());
        }
    }
}
