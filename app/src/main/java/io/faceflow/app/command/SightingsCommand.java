package io.faceflow.app.command;

import picocli.CommandLine.Command;

@Command(name = "sightings", mixinStandardHelpOptions = true,
        description = "Where and when faces were seen: search by photo, delete by age, rebuild from the topic.",
        subcommands = {SightingsSearchCommand.class, SightingsPurgeCommand.class, SightingsRebuildCommand.class})
public final class SightingsCommand {}
