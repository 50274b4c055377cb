package io.faceflow.app.cli;

import io.faceflow.core.detect.ModelFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the detector and the pretrained recogniser live, declared once for every command that needs them. */
public final class ModelsDirOption {
    @Option(names = "--models-dir", paramLabel = "DIR", description = "Folder with the detector (" + ModelFiles.YUNET_FILE
            + ") and the pretrained recogniser (default: $FACEFLOW_MODELS, else ~/.faceflow/models).")
    Path dir;

    /** The folder given on the command line; null for the default, which {@link ModelFiles#folder} resolves. */
    public Path given() {
        return dir;
    }
}
