package io.faceflow.app.command;

import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Create, import and fetch models.",
        subcommands = {ModelsInitCommand.class, ModelsFetchCommand.class, ModelsImportCommand.class})
public final class ModelsCommand {}
