package io.faceflow.app.cli;

import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.fetch.PretrainedRecognizer;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The recognition model bundle, declared once for every command that loads one. */
public final class ModelOption {
    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle folder (where the command has a"
            + " default: the pretrained MobileFaceNet bundle that `faceflow models fetch` makes in the models folder).")
    Path bundle;

    /** The bundle given on the command line; null when none was. */
    public Path given() {
        return bundle;
    }

    /** The bundle of a command that cannot work without one. */
    public Path required(CommandSpec spec) {
        return RequiredOption.of(bundle, spec, "--model=BUNDLE");
    }

    /** The bundle given, else the pretrained one in {@code modelsDir} (null: the default folder), saying so. */
    public Path orPretrained(Path modelsDir, Consumer<String> note) {
        return bundle != null ? bundle : pretrained(modelsDir, note);
    }

    /** The pretrained bundle in {@code modelsDir}, made from its ONNX file when needed; {@code note} is told it is used. */
    public static Path pretrained(Path modelsDir, Consumer<String> note) {
        Path pretrained = PretrainedRecognizer.ensureBundle(ModelFiles.folder(modelsDir));
        note.accept("no --model given: using the pretrained MobileFaceNet bundle " + pretrained);
        return pretrained;
    }
}
