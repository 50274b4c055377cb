package io.faceflow.app.command;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised iResNet bundle, labelled untrained: for plumbing tests and benchmarks only.")
public final class ModelsInitCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, paramLabel = "ARCH", description = "iresnet18, iresnet34, iresnet50, iresnet100 or mobilefacenet.")
    String arch;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder to create (must not exist or be empty).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Backbone architecture;
        try {
            architecture = Backbones.parse(arch);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), out + " is not empty; choose a new folder");
                }
            }
        }
        BundleManifest m = ModelBundle.initRandom(out, architecture, seed);
        spec.commandLine().getOut().printf("wrote untrained %s bundle %s (version %s)%n", m.architecture(), out, m.version());
        return 0;
    }
}
