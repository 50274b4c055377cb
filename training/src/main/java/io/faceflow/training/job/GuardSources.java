package io.faceflow.training.job;

import io.faceflow.core.image.IdentityFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Picks the guard's sources: those given, or by default every data set among the candidates that the
 * training data does not come from. A data set counts as used when the training root or one of its
 * identity folders (links followed) lies inside it, so a training folder of links into ORL and Yale B
 * rules out both, whichever of their people it picked. Copies are not caught here but by content, once
 * the parent has embedded both sides ({@link GuardSet#independentOf}).
 */
public final class GuardSources {
    private GuardSources() {}

    /** The sources to load, or an error saying why there is none and what to give instead. */
    public static List<Path> choose(GuardSpec spec, Path trainingData) {
        List<Path> used = trainingOrigins(trainingData);
        if (!spec.sources().isEmpty()) {
            for (Path source : spec.sources()) {
                if (!Files.isDirectory(source) && !(Files.isRegularFile(source) && source.toString().endsWith(".bin"))) {
                    throw new IllegalArgumentException("--guard " + source + " not found: give identity folders (one"
                            + " sub-folder of photos per person) or a .bin verification pack");
                }
                Path overlap = overlap(source, used);
                if (overlap != null) {
                    throw new IllegalArgumentException("--guard " + source + " overlaps the training data (" + overlap
                            + "): the guard must come from people and a data set not trained on");
                }
            }
            return spec.sources();
        }
        if (spec.candidates() == null || !Files.isDirectory(spec.candidates())) {
            throw new IllegalArgumentException("no guard source: give --guard DIR|PACK.bin (faces of people from a data"
                    + " set not used for training), --guard-from a folder of data sets"
                    + (spec.candidates() != null ? " (" + spec.candidates() + " not found)" : "")
                    + ", or --no-guard to fine-tune without the check");
        }
        List<Path> independent = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Path root : identityRoots(spec.candidates())) {
            Path overlap = overlap(root, used);
            if (overlap == null) {
                independent.add(root);
            } else {
                excluded.add(root.getFileName() + " (training data " + overlap + ")");
            }
        }
        if (independent.isEmpty()) {
            throw new IllegalArgumentException("no independent guard source in " + spec.candidates() + ": "
                    + (excluded.isEmpty() ? "it holds no identity folders" : "every data set there is used for training: "
                    + String.join(", ", excluded)) + ". Give --guard DIR|PACK.bin with faces from another data set, or"
                    + " --no-guard to fine-tune without the check");
        }
        return independent;
    }

    /** Identity-folder roots (at least 2 people, one with 2 images) directly below {@code dir} or one level deeper. */
    static List<Path> identityRoots(Path dir) {
        List<Path> roots = new ArrayList<>();
        for (Path child : folders(dir)) {
            if (isIdentityRoot(child)) {
                roots.add(child);
            } else {
                folders(child).stream().filter(GuardSources::isIdentityRoot).forEach(roots::add);
            }
        }
        return roots;
    }

    private static boolean isIdentityRoot(Path dir) {
        try {
            IdentityFolders f = IdentityFolders.scan(dir, 2);
            return f.byIdentity().values().stream().anyMatch(images -> images.size() >= 2);
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }

    /** The real paths the training data comes from: its root and, for a folder, each identity folder. */
    private static List<Path> trainingOrigins(Path data) {
        List<Path> origins = new ArrayList<>();
        origins.add(real(data));
        if (Files.isDirectory(data)) {
            folders(data).forEach(f -> origins.add(real(f)));
        }
        return origins;
    }

    private static Path overlap(Path source, List<Path> used) {
        Path s = real(source);
        return used.stream().filter(u -> u.startsWith(s) || s.startsWith(u)).findFirst().orElse(null);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static List<Path> folders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
