package io.faceflow.app.command;

import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.NegativeStore;
import io.faceflow.recognition.CropReembedder;
import io.faceflow.recognition.DecisionOverrides;
import io.faceflow.recognition.DecisionThreshold;
import io.faceflow.recognition.NegativeReport;
import io.faceflow.streams.app.StreamsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"For each person with negatives (`faceflow correct ALERT_ID --not`): how many, the highest",
            "impostor score (a negative's face against the person's enrolled crops, both embedded with --model),",
            "the threshold in force for them, and a proposed per-person threshold just above that score when it",
            "reaches the threshold. Nothing is applied: add the printed setting line to the stream processor's",
            "settings to apply one."})
public final class CorrectionsReportCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The stream processor's settings file: its threshold"
            + " and threshold.identity.* are the thresholds in force (default: the bundle's calibrated threshold).")
    Path config;

    @Option(names = "--json", description = "One JSON line per person.")
    boolean json;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    RecognitionOptions recognition;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Properties settings = settings();
        String global = settings.getProperty("threshold");
        PrintWriter out = spec.commandLine().getOut();
        CropStore crops = gallery.crops();
        try (RecognitionModel model = recognition.load()) {
            DecisionThreshold threshold = DecisionThreshold.resolve(model.manifest(),
                    global == null || global.isBlank() ? null : parse(global));
            DecisionOverrides overrides = StreamsSettings.overrides(settings);
            List<NegativeReport.Row> rows = NegativeReport.compute(crops, new NegativeStore(crops),
                    new CropReembedder(recognition.embedder(model)), overrides, threshold);
            if (rows.isEmpty() && !json) {
                out.println("no negatives in " + crops.root() + ": mark alerts with `faceflow correct ALERT_ID --not`"
                        + " or the console's \"Not this person\"");
            }
            for (NegativeReport.Row row : rows) {
                out.println(json ? Json.line(row) : line(row, model.manifest().version()));
            }
        }
        return 0;
    }

    private static String line(NegativeReport.Row r, String version) {
        String head = String.format(Locale.ROOT, "%s (%s): %d negative(s), highest impostor score %.3f (alert %s,"
                + " model %s); threshold %.3f (%s): ", r.identityId(), r.displayName(), r.negatives(),
                r.highestImpostorScore(), r.highestAlertId(), version, r.threshold(), r.thresholdSource());
        return r.proposedThreshold() == null ? head + "keep"
                : head + String.format(Locale.ROOT, "proposed %.2f; to apply it, add this line to the stream"
                        + " processor's settings: %s", r.proposedThreshold(), r.settingLine());
    }

    private Properties settings() throws IOException {
        Properties p = new Properties();
        if (config != null) {
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
        }
        return p;
    }

    private Double parse(String value) {
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold=" + value + " in " + config + " is not a number");
        }
    }
}
