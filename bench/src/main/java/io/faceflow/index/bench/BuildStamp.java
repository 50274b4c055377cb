package io.faceflow.index.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A note left in a kept benchmark index folder ({@code --uri file:PATH}): which data and settings
 * built it and how long that took. A later run on the same data and settings measures search on
 * it again without rebuilding, so timed runs can be repeated when the machine is quiet.
 */
final class BuildStamp {
    static final String FILE = "faceflow-bench-build.properties";

    private BuildStamp() {}

    /** The build recorded in {@code dir} for this signature; null when there is none yet. */
    static IndexBenchmark.Built read(Path dir, String signature) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!signature.equals(p.getProperty("signature"))) {
            throw new IllegalArgumentException(dir + " holds a benchmark index built from other data or settings ("
                    + p.getProperty("signature") + "); remove the folder or pick another --uri");
        }
        return new IndexBenchmark.Built(Double.parseDouble(p.getProperty("insertPerSecond")),
                Double.parseDouble(p.getProperty("insertSeconds")), Double.parseDouble(p.getProperty("finishSeconds")),
                dir, p.getProperty("notes") + ", index reused from an earlier run");
    }

    static void write(Path dir, String signature, IndexBenchmark.Built built) {
        Properties p = new Properties();
        p.setProperty("signature", signature);
        p.setProperty("insertPerSecond", Double.toString(built.insertPerSecond()));
        p.setProperty("insertSeconds", Double.toString(built.insertSeconds()));
        p.setProperty("finishSeconds", Double.toString(built.finishSeconds()));
        p.setProperty("notes", built.notes());
        try (Writer out = Files.newBufferedWriter(dir.resolve(FILE))) {
            p.store(out, "faceflow bench index: the build of this folder");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
