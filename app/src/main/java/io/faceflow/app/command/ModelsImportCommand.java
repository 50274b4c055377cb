package io.faceflow.app.command;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.OnnxImport;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.model.InputSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Wrap a TorchScript or ONNX recognition model trained elsewhere into a bundle, with its input convention.",
            "With --arch, an ONNX file's weights are mapped onto that faceflow architecture instead: a trainable DJL bundle."})
public final class ModelsImportCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The .pt (TorchScript) or .onnx file.")
    Path file;

    @Option(names = "--format", required = true, paramLabel = "FMT", description = "torchscript or onnx.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder to write.")
    Path out;

    @Option(names = "--name", required = true, description = "Model name; the version adds the weights' checksum.")
    String name;

    @Option(names = "--arch", paramLabel = "ARCH", description = "Map the ONNX initializers onto this architecture"
            + " (e.g. mobilefacenet) and write a trainable DJL bundle; the input convention is the architecture's.")
    String arch;

    @Option(names = "--embedding-size", defaultValue = "512", description = "Output size (default: ${DEFAULT-VALUE}).")
    int embeddingSize;

    @Option(names = "--input-size", defaultValue = "112", description = "Square input side in pixels (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--channels", defaultValue = "RGB", description = "RGB or BGR (default: ${DEFAULT-VALUE}).")
    String channels;

    @Option(names = "--mean", defaultValue = "127.5", description = "Input is (pixel - mean) / std (default mean: ${DEFAULT-VALUE}).")
    double mean;

    @Option(names = "--std", defaultValue = "127.5", description = "(default std: ${DEFAULT-VALUE}).")
    double std;

    @Option(names = "--flip", description = "Embed as normalise(f(x) + f(mirror x)) (flip-averaged): recorded in the"
            + " bundle, so its gallery and every probe are embedded the same way; costs a second forward pass.")
    boolean flip;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (arch != null) {
            if (WeightsFormat.parse(format) != WeightsFormat.ONNX) {
                throw new ParameterException(spec.commandLine(), "--arch maps ONNX initializers: use --format onnx");
            }
            BundleManifest m = OnnxImport.toDjlBundle(file, out, Backbones.parse(arch), name, null);
            spec.commandLine().getOut().printf("imported %s as trainable %s bundle %s (version %s)%n", file,
                    m.architecture(), out, m.version());
            return 0;
        }
        BundleManifest m = ModelBundle.importForeign(out, file, WeightsFormat.parse(format), name, embeddingSize,
                new InputSpec(inputSize, channels, mean, std), flip ? EmbeddingProtocol.FLIP_AVERAGED
                        : EmbeddingProtocol.PLAIN);
        spec.commandLine().getOut().printf("imported %s as bundle %s (version %s)%n", file, out, m.version());
        return 0;
    }
}
