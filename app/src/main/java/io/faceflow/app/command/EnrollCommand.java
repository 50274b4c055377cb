package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.InputFiles;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.recognition.Enroller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
    public Integer call() {
        Map<String, List<Path>> people = people();
        FaceQuality quality = new FaceQuality(Math.max(detector.minFace(), FaceQuality.ENROLMENT.minFaceSize()),
                minSharpness, 0);
        PrintWriter out = spec.commandLine().getOut();
        int rejected = 0;
        int enrolled = 0;
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryOptions.OpenGallery opened = gallery.open()) {
            Enroller enroller = new Enroller(yunet, recognition.embedder(model), quality, opened.manager());
            for (var person : people.entrySet()) {
                Map<String, String> unreadable = new LinkedHashMap<>();
                Map<String, byte[]> photos = InputFiles.read(person.getValue(), unreadable);
                unreadable.forEach((image, reason) -> report(out, person.getKey(), image, "rejected", reason));
                rejected += unreadable.size();
                String name = who.one != null && who.one.name != null ? who.one.name : person.getKey();
                Enroller.Result result = enroller.enrol(person.getKey(), name, photos);
                for (Enroller.PhotoOutcome photo : result.photos()) {
                    report(out, person.getKey(), photo.source(), photo.accepted() ? "accepted" : "rejected",
                            photo.problem());
                    rejected += photo.accepted() ? 0 : 1;
                }
                if (result.enrolled()) {
                    enrolled++;
                    report(out, person.getKey(), null, "enrolled", result.templates() + " template(s), model "
                            + result.modelVersion());
                } else {
                    report(out, person.getKey(), null, "not enrolled", "no usable photo");
                }
            }
        }
        out.flush();
        if (enrolled == 0) {
            throw new IllegalStateException("nobody was enrolled: every photo was rejected (see above)");
        }
        return rejected == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private Map<String, List<Path>> people() {
        if (who.one != null) {
            return Map.of(who.one.person, who.one.images);
        }
        try {
            return IdentityFolders.scan(who.folder, 1).byIdentity();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--folder " + who.folder + ": " + e.getMessage());
        }
    }

    private void report(PrintWriter out, String person, String image, String status, String reason) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("person", person);
            if (image != null) {
                doc.put("image", image);
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
