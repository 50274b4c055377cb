package io.faceflow.app.command;

import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.IsoDuration;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.index.FaceIndex;
import io.faceflow.streams.sightings.SightingReplay;
import io.faceflow.streams.sightings.SightingWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Re-create the sighting store from the faceflow.sightings topic: every committed sighting"
                + " still on the topic is stored (again), except those of people forgotten since and those past"
                + " --retention.",
            "Safe beside a running stream processor on Milvus (both write each sighting once, by its id); an"
                + " embedded index admits one writer, so stop the processor first."})
public final class SightingsRebuildCommand implements Callable<Integer> {
    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "P30D", converter = IsoDuration.class,
            description = "Leave out sightings older than this, as the processor's sightings.retention.ms does;"
                    + " ISO-8601, PT0S keeps all (default: ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--clear", description = "Delete every stored sighting first, so the store holds exactly what"
            + " the topic holds (sightings gone from the topic are gone from the store).")
    boolean clear;

    @Option(names = "--batch", defaultValue = "500", description = "Sightings per store write (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    KafkaClientOptions kafkaClient;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        kafkaClient.requiredBootstrap(spec);
        Properties kafka = kafkaClient.client();
        kafkaClient.checkAccess(kafka);
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            if (clear) {
                long deleted = 0;
                for (String version : opened.catalog().modelVersions()) {
                    FaceIndex index = opened.catalog().openExisting(version).orElseThrow();
                    deleted += opened.catalog().sightings(version, index.dimension()).deleteBefore(Long.MAX_VALUE);
                }
                spec.commandLine().getOut().printf("cleared %d stored sighting(s)%n", deleted);
            }
            SightingWriter writer = new SightingWriter(opened.catalog(), retention, Clock.systemUTC());
            SightingReplay.Report report;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sightings").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(SightingReplay.size(kafka)).build()) {
                report = SightingReplay.replay(kafka, writer, batch, bar::stepTo);
            }
            spec.commandLine().getOut().printf("read %d sighting(s) from the topic: stored %d, left out %d of"
                    + " forgotten people and %d past retention; %d unreadable%n", report.read(),
                    report.written().stored(), report.written().forgotten(), report.written().expired(),
                    report.unreadable());
            return ExitCodes.OK;
        }
    }
}
