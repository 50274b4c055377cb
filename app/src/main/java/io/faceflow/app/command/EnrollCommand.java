package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.image.InvalidImageException;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.gallery.EnrolTemplate;
import io.faceflow.index.gallery.EnrolmentRequest;
import io.faceflow.index.gallery.GalleryManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enrol people: detect, align, check quality (exactly one face, large and sharp enough), embed,",
            "and add them to the live gallery, keeping the aligned crops so the gallery can be re-embedded later.",
            "Re-enrolling a person replaces their templates. Each rejected image is reported with its reason (exit code 3)."})
public final class EnrollCommand implements Callable<Integer> {

    static final class Who {
        @ArgGroup(exclusive = false)
        One one;

        @Option(names = "--folder", paramLabel = "DIR", required = true,
                description = "One sub-folder per person: the folder name is the person's id.")
        Path folder;
    }

    static final class One {
        @Option(names = "--person", required = true, paramLabel = "ID", description = "The person's id (A-Z a-z 0-9 . _ -).")
        String person;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
        String name;

        @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Photos of this person.")
        List<Path> images;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Option(names = "--min-sharpness", defaultValue = "" + FaceQuality.DEFAULT_MIN_SHARPNESS,
            description = "Reject blurred faces below this sharpness (default: ${DEFAULT-VALUE}).")
    double minSharpness;

    @Option(names = "--json", description = "One JSON line per image and per person enrolled.")
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
    public Integer call() throws IOException {
        Map<String, List<Path>> people = people();
        FaceQuality quality = new FaceQuality(Math.max(detector.minFace(), FaceQuality.ENROLMENT.minFaceSize()),
                minSharpness);
        PrintWriter out = spec.commandLine().getOut();
        int rejected = 0;
        int enrolled = 0;
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryOptions.OpenGallery opened = gallery.open()) {
            GalleryManager manager = opened.manager();
            FaceEmbedder embedder = recognition.embedder(model);
            ImageDecoder decoder = new ImageDecoder();
            for (var person : people.entrySet()) {
                Map<String, BgrImage> accepted = new LinkedHashMap<>();
                for (Path image : person.getValue()) {
                    Optional<String> problem = check(image, decoder, yunet, quality, accepted);
                    if (problem.isPresent()) {
                        rejected++;
                        report(out, person.getKey(), image, "rejected", problem.get());
                    } else {
                        report(out, person.getKey(), image, "accepted", null);
                    }
                }
                if (accepted.isEmpty()) {
                    report(out, person.getKey(), null, "not enrolled", "no usable photo");
                    continue;
                }
                float[][] vectors = embedder.embed(new ArrayList<>(accepted.values()));
                List<EnrolTemplate> templates = new ArrayList<>();
                int i = 0;
                for (var crop : accepted.entrySet()) {
                    templates.add(new EnrolTemplate(crop.getKey(), vectors[i++], ImageEncoder.png(crop.getValue())));
                }
                String name = who.one != null && who.one.name != null ? who.one.name : person.getKey();
                manager.enrol(new EnrolmentRequest(person.getKey(), name, Map.of(), model.version(), templates));
                enrolled++;
                report(out, person.getKey(), null, "enrolled", templates.size() + " template(s), model " + model.version());
            }
        }
        out.flush();
        if (enrolled == 0) {
            throw new IllegalStateException("nobody was enrolled: every photo was rejected (see above)");
        }
        return rejected == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private static Optional<String> check(Path image, ImageDecoder decoder, YuNetDetector yunet, FaceQuality quality,
            Map<String, BgrImage> accepted) {
        try {
            BgrImage decoded = decoder.decode(Files.readAllBytes(image));
            List<DetectedFace> faces = yunet.detect(decoded);
            BgrImage crop = faces.isEmpty() ? null : FaceAligner.align(decoded, faces.get(0));
            Optional<String> problem = quality.problemWith(faces, crop);
            if (problem.isEmpty()) {
                accepted.put(templateId(image, accepted.size()), crop);
            }
            return problem;
        } catch (IOException e) {
            return Optional.of("cannot read file: " + e.getMessage());
        } catch (InvalidImageException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A template id derived from the file name, made safe for the index's id alphabet. */
    private static String templateId(Path image, int index) {
        String stem = image.getFileName().toString().replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return (index + "-" + stem).replace("..", "_");
    }

    private Map<String, List<Path>> people() throws IOException {
        Map<String, List<Path>> people = new LinkedHashMap<>();
        if (who.one != null) {
            people.put(who.one.person, who.one.images);
            return people;
        }
        if (!Files.isDirectory(who.folder)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--folder " + who.folder + " is not a folder");
        }
        try (Stream<Path> dirs = Files.list(who.folder)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    people.put(dir.getFileName().toString(), files.filter(Files::isRegularFile).sorted().toList());
                }
            }
        }
        if (people.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--folder " + who.folder
                    + " has no sub-folders: put each person's photos in a folder named after their id");
        }
        return people;
    }

    private void report(PrintWriter out, String person, Path image, String status, String reason) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("person", person);
            if (image != null) {
                doc.put("image", image.toString());
            }
            doc.put("status", status);
            if (reason != null) {
                doc.put("reason", reason);
            }
            out.println(Json.line(doc));
        } else {
            out.println(person + (image == null ? "" : " " + image) + ": " + status + (reason == null ? "" : ": " + reason));
        }
    }
}
