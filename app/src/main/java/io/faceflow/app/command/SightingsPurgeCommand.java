package io.faceflow.app.command;

import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.index.FaceIndex;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Delete sightings captured longer ago than --older-than, in every model version's store.",
            "The stream processor does this by itself (sightings.retention.ms); this is the same, on demand."})
public final class SightingsPurgeCommand implements Callable<Integer> {
    @Option(names = "--older-than", required = true, paramLabel = "DURATION",
            description = "ISO-8601 duration: P30D (30 days), PT12H (12 hours).")
    String olderThan;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration age;
        try {
            age = Duration.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--older-than " + olderThan
                    + ": give an ISO-8601 duration such as P30D or PT12H");
        }
        long before = System.currentTimeMillis() - age.toMillis();
        long deleted = 0;
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            for (String version : opened.catalog().modelVersions()) {
                FaceIndex index = opened.catalog().openExisting(version).orElseThrow();
                deleted += opened.catalog().sightings(version, index.dimension()).deleteBefore(before);
            }
        }
        spec.commandLine().getOut().printf("deleted %d sighting(s) older than %s%n", deleted, age);
        return ExitCodes.OK;
    }
}
