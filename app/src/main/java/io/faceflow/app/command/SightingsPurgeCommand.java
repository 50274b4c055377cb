package io.faceflow.app.command;

import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.IsoDuration;
import io.faceflow.index.FaceIndex;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Delete sightings captured longer ago than --older-than, and unknown-person candidates last"
                + " seen longer ago, in every model version's stores.",
            "The stream processor does this by itself (sightings.retention.ms); this is the same, on demand."})
public final class SightingsPurgeCommand implements Callable<Integer> {
    @Option(names = "--older-than", required = true, paramLabel = "DURATION", converter = IsoDuration.class,
            description = "ISO-8601 duration: P30D (30 days), PT12H (12 hours).")
    Duration olderThan;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long before = System.currentTimeMillis() - olderThan.toMillis();
        long deleted = 0;
        long candidates = 0;
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            for (String version : opened.catalog().modelVersions()) {
                FaceIndex index = opened.catalog().openExisting(version).orElseThrow();
                deleted += opened.catalog().sightings(version, index.dimension()).deleteBefore(before);
                candidates += opened.catalog().candidates(version, index.dimension()).deleteLastSeenBefore(before);
            }
        }
        spec.commandLine().getOut().printf("deleted %d sighting(s) and %d unknown-person candidate(s) older than %s%n",
                deleted, candidates, olderThan);
        return ExitCodes.OK;
    }
}
