package io.faceflow.bench;

import io.faceflow.index.bench.FaceShape;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faceflow bench face-shape}: fits the statistics that {@code bench index}'s default data is drawn from. */
@Command(name = "face-shape", mixinStandardHelpOptions = true,
        description = "Fit the shape of real face embeddings (mean, covariance, within-identity covariance) from"
                + " `faceflow embed --json` output of photos kept in one folder per person; bench index draws its"
                + " face-shaped galleries from it. Only statistics are written, no photos or embeddings.")
public final class BenchFaceShapeCommand implements Callable<Integer> {

    @Option(names = "--embeddings", required = true, paramLabel = "FILE.jsonl", description = "output of faceflow"
            + " embed --json (one object per image; the image's folder names the person)")
    Path embeddings;

    @Option(names = "--out", defaultValue = ".cache/bench/face-shape", paramLabel = "DIR", description = "folder to"
            + " write (default ${DEFAULT-VALUE}, where bench index looks)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            FaceShape shape = FaceShape.fitEmbedJson(embeddings);
            shape.save(out);
            spec.commandLine().getOut().println("face shape written to " + out + ": " + shape.describe());
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("bench face-shape: " + e.getMessage());
            return 1;
        }
    }
}
