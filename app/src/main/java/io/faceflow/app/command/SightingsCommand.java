package io.faceflow.app.command;

import picocli.CommandLine.Command;

@Command(name = "sightings", mixinStandardHelpOptions = true,
        description = "Where and when faces were seen: search by photo, and delete by age.",
        subcommands = {SightingsSearchCommand.class, SightingsPurgeCommand.class})
public final class SightingsCommand {}
