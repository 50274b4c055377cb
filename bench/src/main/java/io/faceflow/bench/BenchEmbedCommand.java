package io.faceflow.bench;

import io.faceflow.app.bench.EmbedBenchmark;
import io.faceflow.app.cli.ModelOption;
import io.faceflow.app.cli.Json;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.embed.ModelOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embedder throughput on this machine: images/s, ms per batch and achieved GFLOP/s (untrained weights, random crops).",
            "With --model, that bundle is measured (any format, e.g. an imported ONNX file under ONNX Runtime) and --arch",
            "names its architecture for the GFLOP/s column."})
public final class BenchEmbedCommand implements Callable<Integer> {
    @Option(names = "--arch", split = ",", defaultValue = "iresnet18,iresnet50", paramLabel = "ARCH",
            description = "Architectures, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> archs;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32", paramLabel = "N",
            description = "Batch sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--fold", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fold batch norm into the iResNet's convolutions, as inference does (default: on;"
                    + " --no-fold measures the unfolded network).")
    boolean fold;

    @Option(names = "--serving-copy", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run a bundle's serving copy (ONNX Runtime) when it has one, as inference does (default:"
                    + " on; --no-serving-copy measures its main weights, e.g. the trainable DJL MobileFaceNet).")
    boolean servingCopy;

    @Option(names = "--compare-serving-copy", description = "With --model: measure each batch through the"
            + " bundle's serving copy and through its main weights, one after the other in this run, so both see"
            + " the same machine.")
    boolean compareServingCopy;

    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "0",
            description = "CPU threads of an ONNX model's passes (default: ${DEFAULT-VALUE} = one per processor).")
    int inferenceThreads;

    @Option(names = "--json", description = "One JSON object per configuration.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || warmup < 0 || batches.stream().anyMatch(b -> b < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--iterations and every --batch must be >= 1, --warmup >= 0");
        }
        if (compareServingCopy && modelOption.given() == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--compare-serving-copy measures a bundle's two engines: give the bundle with --model");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("%-13s %6s %12s %12s %12s %10s %9s  %s%n", "arch", "batch", "ms/batch p50", "ms/batch avg",
                    "CPU ms/batch", "images/s", "GFLOP/s", "device engine" + (fold ? "" : " (batch norm not folded)"));
        }
        List<Boolean> servingCopies = compareServingCopy ? List.of(true, false) : List.of(servingCopy);
        for (String arch : archs) {
            Backbone a = Backbones.parse(arch);
            for (int batch : batches) {
                for (boolean copy : servingCopies) {
                    ModelOptions options = new ModelOptions(device, false, fold).withServingCopy(copy)
                            .withInferenceThreads(inferenceThreads);
                    EmbedBenchmark.Result r = modelOption.given() != null
                            ? EmbedBenchmark.run(modelOption.given(), modelOption.given().getFileName() + "",
                                    a.flopsPerImage(), batch, warmup,
                                    iterations, options)
                            : EmbedBenchmark.run(a, batch, warmup, iterations, options);
                    if (json) {
                        out.println(Json.line(r));
                    } else {
                        out.printf("%-13s %6d %12.1f %12.1f %12.1f %10.1f %9.1f  %s %s%n", r.arch(), r.batch(),
                                r.msPerBatchMedian(), r.msPerBatchMean(), r.cpuMsPerBatch(), r.imagesPerSecond(),
                                r.gflopsPerSecond(), r.device(), r.engine());
                    }
                    out.flush();
                }
            }
        }
        return 0;
    }
}
