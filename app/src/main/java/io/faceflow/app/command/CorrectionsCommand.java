package io.faceflow.app.command;

import picocli.CommandLine.Command;

@Command(name = "corrections", mixinStandardHelpOptions = true,
        description = "What operators' corrections say about the decision thresholds.",
        subcommands = {CorrectionsReportCommand.class})
public final class CorrectionsCommand {}
