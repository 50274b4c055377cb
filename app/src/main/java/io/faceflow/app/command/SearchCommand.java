package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.recognition.DecisionThreshold;
import io.faceflow.recognition.IdentifiedFace;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.ImageIdentification;
import io.faceflow.recognition.GenerationRecipe;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.ModelGeneration;
import io.faceflow.index.SearchHit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Who is this? Every face in the image is searched in the live gallery (1:N) and decided on:",
            "a name when the best match reaches the decision threshold, else unknown. The threshold is the model",
            "bundle's calibrated one (`faceflow eval --calibrate`) unless --threshold is given."})
public final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "A photo with one or more faces.")
    Path image;

    @Option(names = "--top", defaultValue = "5", description = "Candidates listed per face (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--threshold", paramLabel = "COSINE",
            description = "Decision threshold (cosine similarity); default: the bundle's calibrated threshold.")
    Double threshold;

    @Option(names = "--min-sharpness", defaultValue = "" + FaceQuality.DEFAULT_MIN_SHARPNESS,
            description = "Faces blurrier than this are reported but not searched (default: ${DEFAULT-VALUE}).")
    double minSharpness;

    @Option(names = "--json", description = "One JSON line per face.")
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
        if (top < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1");
        }
        byte[] bytes = Files.readAllBytes(image);
        PrintWriter out = spec.commandLine().getOut();
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryOptions.OpenGallery opened = gallery.open()) {
            ModelGeneration generation = new GenerationRecipe(threshold, version -> opened.manager().live(),
                    GenerationRecipe.Serving.direct(recognition.batch())).borrowing(model);
            DecisionThreshold decision = generation.threshold();
            LiveModel live = new LiveModel(generation);
            FaceQuality quality = new FaceQuality(Math.max(detector.minFace(), FaceQuality.IDENTIFICATION.minFaceSize()),
                    minSharpness, 0);
            Identifier identifier = new Identifier(yunet, PipelineOptions.of(FaceSelection.ALL, quality), live, top);
            ImageIdentification result = identifier.identifyEncoded(Map.of(image.toString(), bytes)).get(0);
            if (result.problem() != null) {
                spec.commandLine().getErr().println(image + ": " + result.problem());
                return ExitCodes.PARTIAL;
            }
            if (!json) {
                out.printf(Locale.ROOT, "%d face(s); model %s, threshold %.3f (%s)%n", result.faces().size(),
                        result.modelVersion(), decision.value(), decision.source());
            }
            for (IdentifiedFace face : result.faces()) {
                print(out, face);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, IdentifiedFace f) {
        var box = f.face().detection().box();
        if (!f.face().accepted()) {
            if (json) {
                out.println(Json.line(Map.of("image", image.toString(), "face", FaceJson.of(f.face().detection()),
                        "skipped", f.face().rejection())));
            } else {
                out.printf(Locale.ROOT, "face at x=%.0f y=%.0f (%.0fx%.0f): not searched: %s%n", box.x(), box.y(),
                        box.width(), box.height(), f.face().rejection());
            }
            return;
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("image", image.toString());
            doc.put("face", FaceJson.of(f.face().detection()));
            doc.put("identity", f.decision().identityId());
            doc.put("score", f.decision().score());
            doc.put("threshold", f.decision().threshold());
            doc.put("matches", f.candidates().stream().map(h -> Map.of("identityId", h.identityId(), "displayName",
                    h.displayName(), "templateId", h.templateId(), "score", h.score())).toList());
            out.println(Json.line(doc));
            return;
        }
        out.printf(Locale.ROOT, "face at x=%.0f y=%.0f (%.0fx%.0f): %s%s%n", box.x(), box.y(), box.width(),
                box.height(), f.decision().label(), Double.isNaN(f.decision().score()) ? ""
                        : String.format(Locale.ROOT, " (best %.3f)", f.decision().score()));
        for (SearchHit h : f.candidates()) {
            out.printf(Locale.ROOT, "  %-20s %-24s cosine %.3f%n", h.identityId(), h.displayName(), h.score());
        }
    }
}
