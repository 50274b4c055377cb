package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.sightings.SightingHit;
import io.faceflow.recognition.SightingSearch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Where and when was this face seen? The largest face of the photo is searched among the",
            "sightings the stream recorded with the same model, most similar first."})
public final class SightingsSearchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "A photo of the person.")
    Path image;

    @Option(names = "--camera", paramLabel = "ID", description = "Only this camera's sightings.")
    String camera;

    @Option(names = "--from", paramLabel = "TIME", description = "Earliest capture time: ISO-8601 (2026-12-01T08:00:00Z) or epoch ms.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Latest capture time (default: now).")
    String to;

    @Option(names = "--top", defaultValue = "20", description = "Sightings listed (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-score", paramLabel = "COSINE", defaultValue = "-1",
            description = "Leave out sightings less similar than this (default: none).")
    double minScore;

    @Option(names = "--json", description = "One JSON line per sighting.")
    boolean json;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    RecognitionOptions recognition;

    @Mixin
    DetectorOptions detector;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long fromMs = time("--from", from, 0);
        long toMs = time("--to", to, System.currentTimeMillis());
        if (top < 1 || top > 1000) {
            throw new ParameterException(spec.commandLine(), "--top must be in 1..1000");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryOptions.OpenGallery opened = gallery.open()) {
            SightingSearch.Result found = new SightingSearch(yunet, recognition.embedder(model), opened.catalog())
                    .search(image.toString(), Files.readAllBytes(image), fromMs, toMs, top, camera);
            if (found.problem() != null) {
                spec.commandLine().getErr().println(image + ": " + found.problem());
                return ExitCodes.PARTIAL;
            }
            List<SightingHit> hits = found.hits();
            int shown = 0;
            for (SightingHit h : hits) {
                if (h.score() < minScore) {
                    continue;
                }
                shown++;
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("sightingId", h.sightingId());
                    doc.put("cameraId", h.cameraId());
                    doc.put("captureTime", Instant.ofEpochMilli(h.captureTimeMs()).toString());
                    doc.put("captureTimeMs", h.captureTimeMs());
                    doc.put("score", h.score());
                    doc.put("identityId", h.identityId());
                    out.println(Json.line(doc));
                } else {
                    out.printf(Locale.ROOT, "%s  %-16s cosine %.3f  %s  (%s)%n", Instant.ofEpochMilli(h.captureTimeMs()),
                            h.cameraId(), h.score(), h.identityId() == null ? "unknown" : h.identityId(), h.sightingId());
                }
            }
            if (!json) {
                out.printf("%d sighting(s) with model %s%n", shown, found.modelVersion());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private long time(String option, String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + " " + value
                    + ": give an ISO-8601 time such as 2026-12-01T08:00:00Z, or epoch milliseconds");
        }
    }
}
