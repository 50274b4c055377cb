package io.faceflow.bench;

import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.ingest.bench.BenchOptions;
import io.faceflow.ingest.bench.BenchResult;
import io.faceflow.ingest.bench.IngestBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `faceflow bench ingest`: frames/s one core sustains (decode, resize, JPEG) and grab -> broker ack delay. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest cost on this machine: frames/s one thread sustains for VIDEO -> resize -> JPEG, "
                + "and, with --bootstrap, the delay from grab to broker acknowledgement (p50/p99) at the clip's own rate."})
public final class BenchIngestCommand implements Callable<Integer> {
    @Option(names = "--video", required = true, paramLabel = "FILE", description = "A video file, ideally 1080p.")
    Path video;

    @Option(names = "--max-height", defaultValue = "720", description = "Output resize cap (default: ${DEFAULT-VALUE}).")
    int maxHeight;

    @Option(names = "--jpeg-quality", defaultValue = "85", description = "1..100 (default: ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--frames", defaultValue = "300", description = "Frames for the one-thread run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--seconds", defaultValue = "20", description = "End-to-end run length (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--fps", defaultValue = "0", description = "Frames per second sent end-to-end, 0 = all (default: ${DEFAULT-VALUE}).")
    double fps;

    @Mixin
    KafkaClientOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(video)) {
            spec.commandLine().getErr().println("faceflow bench ingest: video " + video + " does not exist");
            return ExitCodes.USAGE;
        }
        BenchOptions options;
        try {
            options = new BenchOptions(video, maxHeight, quality, frames, kafka.bootstrap(), seconds, fps, kafka.settings());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("faceflow bench ingest: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (kafka.bootstrap() != null) {
            kafka.checkAccess(kafka.client());
        }
        BenchResult result = IngestBenchmark.run(options);
        spec.commandLine().getOut().println(result.summary());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
