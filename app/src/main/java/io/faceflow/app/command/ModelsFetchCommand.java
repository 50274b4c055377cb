package io.faceflow.app.command;

import io.faceflow.app.cli.ModelsDirOption;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.fetch.ModelFetcher;
import io.faceflow.core.fetch.PretrainedRecognizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download the YuNet face detector (OpenCV Zoo, MIT) and the pretrained MobileFaceNet recogniser"
                + " (fr_feature.onnx, MIT), check their SHA-256 and make the recogniser a ready, trainable bundle.",
            "Files already present with the right checksum are not downloaded again. The only command that uses the network."})
public final class ModelsFetchCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption modelsDir;

    @Option(names = "--from", paramLabel = "FILE", description = "Make the recogniser bundle from this local copy of"
            + " fr_feature.onnx (checksum checked) instead of downloading it.")
    Path from;

    @Option(names = "--bundle", paramLabel = "DIR", description = "Where to write the recogniser bundle (default:"
            + " ~/.faceflow/bundles/" + PretrainedRecognizer.BUNDLE_DIR + ", where commands without --model look).")
    Path bundle;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = ModelFiles.folder(modelsDir.given());
        Path yunet = ModelFetcher.fetch(ModelFetcher.YUNET, folder);
        out.println("YuNet ready at " + yunet + " (sha256 " + ModelFetcher.YUNET.sha256() + ")");
        Path onnx = from != null ? from : ModelFetcher.fetch(ModelFetcher.FR_FEATURE, folder);
        Path target = bundle != null ? bundle : PretrainedRecognizer.defaultBundle();
        if (Files.exists(target.resolve(ModelBundle.MANIFEST))) {
            out.println("pretrained recogniser bundle already at " + target + " (version "
                    + ModelBundle.readManifest(target).version() + ")");
            return 0;
        }
        PretrainedRecognizer.fromLocalCopy(onnx, target);
        out.println("pretrained recogniser: " + onnx + " (sha256 " + ModelFetcher.FR_FEATURE.sha256() + ") -> bundle "
                + target + " (mobilefacenet, version " + ModelBundle.readManifest(target).version() + ", MIT licence in "
                + target.resolve("LICENSE.txt") + ")");
        return 0;
    }
}
