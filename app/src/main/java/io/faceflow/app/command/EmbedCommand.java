package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.InputFiles;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.pipeline.FaceAnalyzer;
import io.faceflow.core.pipeline.FaceOutcome;
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
        Map<String, String> unreadable = new LinkedHashMap<>();
        Map<String, byte[]> inputs = InputFiles.read(images, unreadable);
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = aligned ? null : detector.open()) {
            FaceAnalyzer analyzer = new FaceAnalyzer(new ImageDecoder(), yunet, recognition.embedder(model));
            Map<String, FaceOutcome> outcomes = new LinkedHashMap<>();
            analyzer.analyze(inputs, aligned).forEach(o -> outcomes.put(o.source(), o));
            unreadable.forEach((source, reason) -> outcomes.put(source, new FaceOutcome.Rejected(source, reason)));
            int rejected = 0;
            for (Path path : images) {
                FaceOutcome outcome = outcomes.get(path.toString());
                if (outcome instanceof FaceOutcome.Embedded e) {
                    print(out, model.version(), e);
                } else if (outcome instanceof FaceOutcome.Rejected r) {
                    rejected++;
                    if (json) {
                        out.println(Json.line(Map.of("image", r.source(), "error", r.reason())));
                    } else {
                        err.println(r.source() + ": skipped: " + r.reason());
                    }
                }
            }
            out.flush();
            return rejected == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
    }

    private void print(PrintWriter out, String version, FaceOutcome.Embedded e) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("image", e.source());
            doc.put("model", version);
            doc.put("facesFound", e.facesFound());
            if (e.face() != null) {
                doc.put("face", FaceJson.of(e.face()));
            }
            doc.put("embedding", e.embedding());
            out.println(Json.line(doc));
            return;
        }
        StringBuilder sb = new StringBuilder(e.source()).append('\t');
        for (int i = 0; i < e.embedding().length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.6f", e.embedding()[i]));
        }
        out.println(sb);
    }
}
