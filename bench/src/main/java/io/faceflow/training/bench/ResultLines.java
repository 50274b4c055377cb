package io.faceflow.training.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JSON-lines results file of a run grid: one line per finished run, echoed to stdout, so an
 * interrupted grid continues where it stopped.
 */
final class ResultLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    ResultLines(Path file) {
        this.file = file;
    }

    /** The "head/seed" keys of the runs already written. */
    Set<String> done() throws IOException {
        Set<String> done = new HashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                var node = JSON.readTree(line);
                done.add(node.get("head").asText() + "/" + node.get("seed").asText());
            }
        }
        return done;
    }

    void append(Map<String, Object> record) throws IOException {
        String line = JSON.writeValueAsString(record) + "\n";
        Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(line);
        System.out.flush();
    }

    /** Removes a run's leftovers (bundle, work folder) before it is redone. */
    static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
