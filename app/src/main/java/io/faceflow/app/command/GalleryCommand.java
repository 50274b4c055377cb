package io.faceflow.app.command;

import picocli.CommandLine.Command;

@Command(name = "gallery", mixinStandardHelpOptions = true,
        description = "Inspect the gallery and move it to a new model.",
        subcommands = {GalleryListCommand.class, GalleryReindexCommand.class})
public final class GalleryCommand {}
