package io.faceflow.app.cli;

import io.faceflow.training.job.GuardSpec;
import io.faceflow.training.job.ParentKeeping;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a fine-tune does to keep what its parent knew, shared by `train --init` and `retrain`: the
 * distillation term, the learning-rate limit, and the guard that refuses a child which verifies
 * people from other data sets worse than its parent.
 */
public final class ParentKeepingOptions {
    @Option(names = "--distill", paramLabel = "W", description = "Weight of the feature-distillation term that keeps"
            + " the child's embeddings of the training images close to the parent's; 0 = off (default: "
            + ParentKeeping.DEFAULT_DISTILL_WEIGHT + ").")
    double distill = ParentKeeping.DEFAULT_DISTILL_WEIGHT;

    @Option(names = "--allow-high-lr", description = "Fine-tune with a learning rate above "
            + ParentKeeping.MAX_FINE_TUNE_LR + " (head or backbone); without it such a rate is refused, since it"
            + " makes the child forget what the parent knew.")
    boolean allowHighLr;

    @Option(names = "--guard", paramLabel = "DIR|PACK.bin", split = ",", description = {"Guard pairs: identity folders"
            + " (verification pairs drawn within each) and/or .bin verification packs, of people from data sets not"
            + " used for training. The child is refused when its verification accuracy there falls more than"
            + " --guard-tolerance points below the parent's.",
        "Default: every identity-folder data set under --guard-from that the training data does not come from."})
    List<Path> guard = List.of();

    @Option(names = "--guard-from", paramLabel = "DIR", description = "Folder of data sets the default guard is chosen"
            + " from (default: $FACEFLOW_TESTDATA, else ~/.faceflow/datasets).")
    Path guardFrom;

    @Option(names = "--guard-tolerance", paramLabel = "POINTS", description = "Verification accuracy points the child"
            + " may lose on the guard pairs (default: 0.3).")
    double guardTolerance = 100 * GuardSpec.DEFAULT_TOLERANCE;

    @Option(names = "--guard-min-cosine", paramLabel = "C", description = "Lowest mean cosine between the parent's and"
            + " the child's embedding of a guard face that passes; -1 = no limit (default: "
            + GuardSpec.DEFAULT_MIN_COSINE + ").")
    double guardMinCosine = GuardSpec.DEFAULT_MIN_COSINE;

    @Option(names = "--guard-max-images", paramLabel = "N", description = "Images taken from each guard folder, whole"
            + " people in a seeded order (default: " + GuardSpec.DEFAULT_MAX_IMAGES + ").")
    int guardMaxImages = GuardSpec.DEFAULT_MAX_IMAGES;

    @Option(names = "--no-guard", description = "Fine-tune without the guard (nothing then checks the child on people"
            + " from other data sets; the log and the manifest say so).")
    boolean noGuard;

    /** The settings, or an error for contradictory options. */
    public ParentKeeping keeping() {
        if (noGuard && !guard.isEmpty()) {
            throw new IllegalArgumentException("give --guard or --no-guard, not both");
        }
        GuardSpec spec = noGuard ? null
                : new GuardSpec(guard, guardFrom != null ? guardFrom : defaultDataSets(), guardTolerance / 100,
                        guardMaxImages, guardMinCosine);
        return new ParentKeeping(distill, allowHighLr, spec);
    }

    private static Path defaultDataSets() {
        String env = System.getenv("FACEFLOW_TESTDATA");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".faceflow", "datasets");
    }
}
