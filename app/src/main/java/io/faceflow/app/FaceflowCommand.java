package io.faceflow.app;

import io.faceflow.app.cli.VersionProvider;
import io.faceflow.app.command.AlertsCommand;
import io.faceflow.app.command.BrokerCommand;
import io.faceflow.app.command.ConsoleCommand;
import io.faceflow.app.command.CorrectCommand;
import io.faceflow.app.command.CorrectionsCommand;
import io.faceflow.app.command.DemoCommand;
import io.faceflow.app.command.DetectCommand;
import io.faceflow.app.command.EmbedCommand;
import io.faceflow.app.command.EnrollCommand;
import io.faceflow.app.command.EvalCommand;
import io.faceflow.app.command.RetrainCommand;
import io.faceflow.app.command.ForgetCommand;
import io.faceflow.app.command.GalleryCommand;
import io.faceflow.app.command.HashPasswordCommand;
import io.faceflow.app.command.IngestCommand;
import io.faceflow.app.command.ModelsCommand;
import io.faceflow.app.command.SearchCommand;
import io.faceflow.app.command.SightingsCommand;
import io.faceflow.app.command.StreamsCommand;
import io.faceflow.app.command.TrainCommand;
import io.faceflow.app.command.WatchlistCommand;
import picocli.CommandLine.Command;

/** The one {@code faceflow} command; every job is a subcommand. */
@Command(name = "faceflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Live face identification: detection, embedding, 1:N search, streaming and training.",
        subcommands = {
            DemoCommand.class,
            BrokerCommand.class,
            AlertsCommand.class,
            DetectCommand.class,
            EmbedCommand.class,
            ModelsCommand.class,
            IngestCommand.class,
            EnrollCommand.class,
            SearchCommand.class,
            StreamsCommand.class,
            SightingsCommand.class,
            ConsoleCommand.class,
            HashPasswordCommand.class,
            GalleryCommand.class,
            ForgetCommand.class,
            CorrectCommand.class,
            CorrectionsCommand.class,
            WatchlistCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            RetrainCommand.class,
        })
public final class FaceflowCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
