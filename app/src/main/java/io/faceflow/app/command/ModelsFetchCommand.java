package io.faceflow.app.command;

import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.fetch.ModelFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download the YuNet face detector (OpenCV Zoo, MIT) and check its SHA-256.",
            "The only command that uses the network."})
public final class ModelsFetchCommand implements Callable<Integer> {
    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Where to put it (default: $FACEFLOW_MODELS, else ~/.faceflow/models).")
    Path modelsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = ModelFetcher.fetch(ModelFetcher.YUNET, ModelFiles.folder(modelsDir));
        spec.commandLine().getOut().println("YuNet ready at " + file + " (sha256 " + ModelFetcher.YUNET.sha256() + ")");
        return 0;
    }
}
