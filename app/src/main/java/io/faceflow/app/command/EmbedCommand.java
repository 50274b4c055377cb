package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.InputFiles;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.pipeline.AlignedCrops;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import java.io.PrintWriter;
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

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Detect, align and embed the largest face of each image: one L2-normalised vector per image.",
            "Images without a usable face are reported one by one; the others still go through (exit code 3)."})
public final class EmbedCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
    List<Path> images;

    @Option(names = "--json", description = "One JSON object per image on stdout (model version, face, embedding).")
    boolean json;

    @Option(names = "--aligned", description = "Inputs are aligned face crops (112x112, or square to be resized): skip detection.")
    boolean aligned;

    @Mixin
    RecognitionOptions recognition;

    @Mixin
    DetectorOptions detector;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, byte[]> inputs = InputFiles.read(images, problems);
        Map<String, Embedded> embedded = new LinkedHashMap<>();
        try (RecognitionModel model = recognition.load()) {
            FaceEmbedder embedder = recognition.embedder(model);
            if (aligned) {
                embedAligned(inputs, embedder, embedded, problems);
            } else {
                try (YuNetDetector yunet = detector.open()) {
                    FacePipeline pipeline = new FacePipeline(yunet, embedder,
                            PipelineOptions.of(FaceSelection.LARGEST, FaceQuality.ANY));
                    for (ImageFaces image : pipeline.analyzeEncoded(inputs)) {
                        if (image.problem() != null) {
                            problems.put(image.source(), image.problem());
                        } else {
                            AnalyzedFace face = image.accepted().get(0);
                            embedded.put(image.source(), new Embedded(face.detection(), face.embedding(),
                                    image.faces().size()));
                        }
                    }
                }
            }
            int rejected = 0;
            for (Path path : images) {
                String source = path.toString();
                if (embedded.containsKey(source)) {
                    print(out, model.version(), source, embedded.get(source));
                } else {
                    rejected++;
                    if (json) {
                        out.println(Json.line(Map.of("image", source, "error", problems.get(source))));
                    } else {
                        err.println(source + ": skipped: " + problems.get(source));
                    }
                }
            }
            out.flush();
            return rejected == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
    }

    /** Pre-aligned crops skip detection. */
    private static void embedAligned(Map<String, byte[]> inputs, FaceEmbedder embedder, Map<String, Embedded> embedded,
            Map<String, String> problems) {
        for (AlignedCrops.Embedded e : AlignedCrops.embed(embedder, inputs)) {
            if (e.problem() != null) {
                problems.put(e.source(), e.problem());
            } else {
                embedded.put(e.source(), new Embedded(null, e.embedding(), 1));
            }
        }
    }

    private record Embedded(DetectedFace face, float[] embedding, int facesFound) {}

    private void print(PrintWriter out, String version, String source, Embedded e) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("image", source);
            doc.put("model", version);
            doc.put("facesFound", e.facesFound());
            if (e.face() != null) {
                doc.put("face", FaceJson.of(e.face()));
            }
            doc.put("embedding", e.embedding());
            out.println(Json.line(doc));
            return;
        }
        StringBuilder sb = new StringBuilder(source).append('\t');
        for (int i = 0; i < e.embedding().length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.6f", e.embedding()[i]));
        }
        out.println(sb);
    }
}
