package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Who is this? Every face in the image is searched in the live gallery (1:N), best matches first.")
public final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "A photo with one or more faces.")
    Path image;

    @Option(names = "--top", defaultValue = "5", description = "Identities per face (default: ${DEFAULT-VALUE}).")
    int top;

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
        BgrImage decoded = new ImageDecoder().decode(Files.readAllBytes(image));
        PrintWriter out = spec.commandLine().getOut();
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryOptions.OpenGallery opened = gallery.open()) {
            List<DetectedFace> faces = yunet.detect(decoded);
            if (faces.isEmpty()) {
                spec.commandLine().getErr().println(image + ": no face found");
                return ExitCodes.PARTIAL;
            }
            List<BgrImage> crops = faces.stream().map(f -> FaceAligner.align(decoded, f)).toList();
            float[][] vectors = recognition.embedder(model).embed(crops);
            List<List<SearchHit>> results = opened.manager().search(new SearchRequest(model.version(), List.of(vectors), top));
            for (int i = 0; i < faces.size(); i++) {
                print(out, faces.get(i), results.get(i));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, DetectedFace face, List<SearchHit> hits) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("image", image.toString());
            doc.put("face", FaceJson.of(face));
            doc.put("matches", hits.stream().map(h -> Map.of("identityId", h.identityId(), "displayName",
                    h.displayName(), "templateId", h.templateId(), "score", h.score())).toList());
            out.println(Json.line(doc));
            return;
        }
        out.printf("face at x=%.0f y=%.0f (%.0fx%.0f):%n", face.box().x(), face.box().y(), face.box().width(),
                face.box().height());
        for (SearchHit h : hits) {
            out.printf("  %-20s %-24s cosine %.3f%n", h.identityId(), h.displayName(), h.score());
        }
    }
}
