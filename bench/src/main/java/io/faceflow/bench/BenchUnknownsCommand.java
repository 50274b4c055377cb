package io.faceflow.bench;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.SightingEvent;
import io.faceflow.core.bundle.Calibration;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.embedded.EmbeddedCatalog;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.streams.tracking.ShotQuality;
import io.faceflow.streams.tracking.TrackEmbeddings;
import io.faceflow.streams.tracking.TrackerConfig;
import io.faceflow.streams.unknowns.UnknownClusterer;
import io.faceflow.streams.unknowns.UnknownsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code faceflow bench unknowns}: how well unknown tracks cluster into candidates, on people the
 * model was not calibrated on. Each person's photos are split into visits; a visit's faces are
 * fused as a track fuses them (quality-weighted mean, normalised) and the visits, shuffled, go
 * through the clusterer into a fresh embedded index, once per join threshold.
 */
@Command(name = "unknowns", mixinStandardHelpOptions = true,
        description = {"Clustering quality of unknown tracks into candidates: purity, completeness and people merged",
            "per join threshold, on held-out people from the shared photos (ORL s31-s40, the sitcom cast, Yale B);",
            "each candidate holding more than one person is listed under its row; ms/event is the clusterer's",
            "mean time per event on the embedded index (lookup, nearest search, durable save).",
            "Photos are detected, aligned and embedded with the real pipeline; each visit fuses a few photos as a",
            "track would."})
public final class BenchUnknownsCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "${env:FACEFLOW_TESTDATA}", paramLabel = "DIR",
            description = "Folder holding orl_faces, sitcom_cast and yaleb_cropped_subset (default: $FACEFLOW_TESTDATA).")
    Path data;

    @Option(names = "--orl", defaultValue = "10", paramLabel = "N",
            description = "The last N ORL people (s31-s40 for 10), held out from the model's calibration on s1-s30"
                    + " (default: ${DEFAULT-VALUE}).")
    int orl;

    @Option(names = "--sitcom", defaultValue = "8", paramLabel = "N",
            description = "The first N sitcom cast members (default: ${DEFAULT-VALUE}, all).")
    int sitcom;

    @Option(names = "--yale", defaultValue = "6", paramLabel = "N",
            description = "The first N Yale B people (default: ${DEFAULT-VALUE}).")
    int yale;

    @Option(names = "--visits", defaultValue = "3", paramLabel = "N",
            description = "Visits per person, at most one per photo (default: ${DEFAULT-VALUE}).")
    int visits;

    @Option(names = "--photos-per-visit", defaultValue = "3", paramLabel = "K",
            description = "Photos fused into one visit's track, at most (default: ${DEFAULT-VALUE}).")
    int photosPerVisit;

    @Option(names = "--thresholds", split = ",", paramLabel = "COS",
            description = "Join thresholds to try (default: the model's decision threshold, and from 0.10 below it to"
                    + " 0.20 above it in steps of 0.05).")
    List<Double> thresholds;

    @Option(names = "--seed", defaultValue = "24", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--figure", paramLabel = "FILE.svg",
            description = "Also draw purity and completeness against the join threshold into this SVG file.")
    Path figure;

    @Mixin
    RecognitionOptions recognition;

    @Mixin
    DetectorOptions detector;

    @Spec
    CommandSpec spec;

    /** One simulated visit: a person's fused track embedding and its best face. */
    record Visit(String person, float[] embedding, AnalyzedFace best, double bestQuality) {}

    /** What one threshold gave. */
    record Scores(double threshold, int candidates, double purity, double completeness, int merged,
            List<String> mergedPeople, double msPerEvent) {}

    @Override
    public Integer call() throws IOException {
        if (data == null || !Files.isDirectory(data)) {
            throw new ParameterException(spec.commandLine(), "--data must name the folder of the shared photos"
                    + " (orl_faces, sitcom_cast, yaleb_cropped_subset), or set FACEFLOW_TESTDATA; got " + data);
        }
        if (visits < 1 || photosPerVisit < 1 || orl < 0 || orl > 40 || sitcom < 0 || yale < 0) {
            throw new ParameterException(spec.commandLine(), "--visits and --photos-per-visit must be >= 1, --orl 0..40,"
                    + " --sitcom and --yale >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, List<Path>> people = people();
        Random random = new Random(seed);
        List<Visit> all = new ArrayList<>();
        String version;
        double modelThreshold;
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open()) {
            version = model.version();
            Calibration calibration = model.manifest().calibration();
            if (calibration == null && thresholds == null) {
                throw new ParameterException(spec.commandLine(), "the bundle " + recognition.bundle() + " has no"
                        + " calibrated threshold: give --thresholds, or calibrate it (faceflow eval --calibrate)");
            }
            modelThreshold = calibration == null ? Double.NaN : calibration.threshold();
            FaceEmbedder embedder = recognition.embedder(model);
            FacePipeline pipeline = new FacePipeline(yunet, embedder,
                    PipelineOptions.of(FaceSelection.LARGEST, FaceQuality.ANY));
            for (Map.Entry<String, List<Path>> person : people.entrySet()) {
                all.addAll(visits(person.getKey(), person.getValue(), pipeline, random));
            }
        }
        Collections.shuffle(all, random);
        long persons = all.stream().map(Visit::person).distinct().count();
        out.printf(Locale.ROOT, "model %s, decision threshold %s; %d people, %d visits of up to %d photos, seed %d%n",
                version, Double.isNaN(modelThreshold) ? "none" : String.format(Locale.ROOT, "%.4f", modelThreshold),
                persons, all.size(), photosPerVisit, seed);
        out.printf("%-10s %10s %8s %13s %7s %9s%n", "threshold", "candidates", "purity", "completeness", "merged",
                "ms/event");
        List<ClusteringFigure.Point> points = new ArrayList<>();
        for (double t : thresholds(modelThreshold)) {
            Scores s = cluster(all, version, t);
            points.add(new ClusteringFigure.Point(t, s.purity(), s.completeness(), s.merged()));
            out.printf(Locale.ROOT, "%-10.4f %10d %8.3f %13.3f %7d %9.2f%s%n", s.threshold(), s.candidates(),
                    s.purity(), s.completeness(), s.merged(), s.msPerEvent(),
                    Math.abs(t - (modelThreshold + UnknownsSettings.DEFAULT_JOIN_MARGIN)) < 1e-4
                            ? "  (default: the decision threshold + " + UnknownsSettings.DEFAULT_JOIN_MARGIN + ")"
                            : t == modelThreshold ? "  (the decision threshold)" : "");
            s.mergedPeople().forEach(m -> out.println("    merged: " + m));
            out.flush();
        }
        if (figure != null) {
            String title = String.format(Locale.ROOT, "Clustering %d held-out people, %d visits (%s, seed %d)", persons,
                    all.size(), version, seed);
            Files.writeString(figure, ClusteringFigure.svg(title, points,
                    modelThreshold + UnknownsSettings.DEFAULT_JOIN_MARGIN));
            out.println("figure: " + figure.toAbsolutePath());
        }
        return 0;
    }

    private List<Double> thresholds(double modelThreshold) {
        if (thresholds != null) {
            return thresholds;
        }
        TreeSet<Double> sweep = new TreeSet<>();
        for (double delta : new double[] {-0.10, -0.05, 0, 0.05, 0.10, 0.15, 0.20}) {
            sweep.add(Math.round((modelThreshold + delta) * 1e4) / 1e4);
        }
        sweep.add(modelThreshold);
        return List.copyOf(sweep);
    }

    /** Person name to photo files, in a fixed order. */
    private Map<String, List<Path>> people() throws IOException {
        Map<String, List<Path>> people = new LinkedHashMap<>();
        for (int s = 41 - orl; s <= 40; s++) {
            people.put("orl-s" + s, files(data.resolve("orl_faces/s" + s)));
        }
        for (Path p : first(folders(data.resolve("sitcom_cast/people")), sitcom)) {
            people.put("sitcom-" + p.getFileName(), files(p));
        }
        for (Path p : first(folders(data.resolve("yaleb_cropped_subset")), yale)) {
            people.put("yale-" + p.getFileName(), files(p));
        }
        return people;
    }

    private static List<Path> first(List<Path> folders, int n) {
        return folders.subList(0, Math.min(n, folders.size()));
    }

    private List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), dir + " is missing: --data must hold the shared photos");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), dir + " is missing: --data must hold the shared photos");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString()
                    .matches("(?i).*\\.(pgm|png|jpe?g)$")).sorted().toList();
        }
    }

    /** The person's photos, shuffled and dealt into visits; a photo without a usable face is left out. */
    private List<Visit> visits(String person, List<Path> photos, FacePipeline pipeline, Random random) {
        List<Path> shuffled = new ArrayList<>(photos);
        Collections.shuffle(shuffled, random);
        int count = Math.min(visits, shuffled.size());
        List<Visit> out = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            Map<String, byte[]> encoded = new LinkedHashMap<>();
            for (int i = v; i < shuffled.size() && encoded.size() < photosPerVisit; i += count) {
                encoded.put(shuffled.get(i).toString(), read(shuffled.get(i)));
            }
            TrackEmbeddings track = TrackEmbeddings.NONE;
            AnalyzedFace best = null;
            double bestQuality = -1;
            for (ImageFaces image : pipeline.analyzeEncoded(encoded)) {
                if (image.problem() != null) {
                    continue;
                }
                AnalyzedFace face = image.accepted().get(0);
                double quality = ShotQuality.of(face.detection(), face.quality().sharpness());
                track = track.add(face.embedding(), quality, TrackerConfig.defaults().maxEmbeddings());
                if (quality > bestQuality) {
                    best = face;
                    bestQuality = quality;
                }
            }
            if (best != null) {
                out.add(new Visit(person, track.fused(), best, bestQuality));
            }
        }
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The visits through the clusterer at {@code threshold}, into a fresh index; the scores of what it made. */
    static Scores cluster(List<Visit> visits, String version, double threshold) throws IOException {
        Path dir = Files.createTempDirectory("faceflow-bench-unknowns");
        Map<String, Map<String, Integer>> byCandidate = new HashMap<>();
        long elapsedNs;
        try (EmbeddedCatalog catalog = new EmbeddedCatalog(dir, EmbeddedOptions.defaults())) {
            // Visits hours apart: each is one visit, never an extension of the last.
            UnknownClusterer clusterer = new UnknownClusterer(catalog,
                    new UnknownsSettings("bench", threshold, 0, UnknownsSettings.DEFAULT_MAX_SHOTS, Duration.ofMinutes(10)));
            long t = 1_700_000_000_000L;
            long start = System.nanoTime();
            for (int i = 0; i < visits.size(); i++) {
                Visit v = visits.get(i);
                UnknownClusterer.Result r = clusterer.apply(event("visit-" + i, "cam-" + (i % 3), t + i * 3_600_000L,
                        v, version, threshold));
                byCandidate.computeIfAbsent(r.candidate().candidateId(), k -> new HashMap<>()).merge(v.person(), 1,
                        Integer::sum);
            }
            elapsedNs = System.nanoTime() - start;
        } finally {
            deleteTree(dir);
        }
        return scores(threshold, byCandidate, visits.size(), elapsedNs / 1e6 / visits.size());
    }

    /**
     * Purity: the share of visits that are their candidate's majority person. Completeness: the
     * share of visits in their person's largest candidate. Both visit-weighted. Also the clusterer's
     * mean time per event (lookup, nearest search, save) on the embedded index.
     */
    static Scores scores(double threshold, Map<String, Map<String, Integer>> byCandidate, int total,
            double msPerEvent) {
        int majority = 0;
        List<String> merged = new ArrayList<>();
        Map<String, Integer> largest = new HashMap<>();
        for (Map<String, Integer> people : byCandidate.values()) {
            majority += people.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (people.size() > 1) {
                merged.add(new TreeMap<>(people).toString());
            }
            people.forEach((person, n) -> largest.merge(person, n, Math::max));
        }
        int complete = largest.values().stream().mapToInt(Integer::intValue).sum();
        Collections.sort(merged);
        return new Scores(threshold, byCandidate.size(), (double) majority / total, (double) complete / total,
                merged.size(), merged, msPerEvent);
    }

    private static SightingEvent event(String id, String camera, long timeMs, Visit v, String version,
            double threshold) {
        AnalyzedFace best = v.best();
        var box = best.detection().box();
        List<double[]> landmarks = best.detection().landmarks().stream().map(p -> new double[] {p.x(), p.y()}).toList();
        double sharpness = Double.isNaN(best.quality().sharpness()) ? -1 : best.quality().sharpness();
        return new SightingEvent(id, camera, timeMs, 0, 0, new FaceBox(box.x(), box.y(), box.width(), box.height()),
                landmarks, new SightingEvent.Quality(best.quality().faceSize(), sharpness, best.quality().detectorScore()),
                v.embedding(), version, null, null, null, -2, threshold, id,
                Base64.getEncoder().encodeToString(ImageEncoder.jpeg(best.crop(), 85)));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
