package io.faceflow.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print what they measure on this machine.",
        subcommands = {BenchEmbedCommand.class, BenchIndexCommand.class, BenchFaceShapeCommand.class,
            BenchIngestCommand.class, BenchPipelineCommand.class, BenchKafkaCommand.class, BenchSoakCommand.class,
            BenchUnknownsCommand.class})
public final class BenchCommand {}
