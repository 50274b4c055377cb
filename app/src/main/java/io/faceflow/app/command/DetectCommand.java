package io.faceflow.app.command;

import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.InputFiles;
import io.faceflow.app.cli.Json;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.InvalidImageException;
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

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Find faces: box, five landmarks (right eye, left eye, nose, right and left mouth corner) and score.",
            "Exit code 3 when some images could not be read (each is reported)."})
public final class DetectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "JPEG, PNG, GIF, BMP or PGM files.")
    List<Path> images;

    @Option(names = "--json", description = "One JSON object per image on stdout.")
    boolean json;

    @Mixin
    DetectorOptions detector;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, byte[]> inputs = InputFiles.read(images, failures);
        ImageDecoder decoder = new ImageDecoder();
        try (YuNetDetector yunet = detector.open()) {
            for (Path path : images) {
                String name = path.toString();
                if (!inputs.containsKey(name)) {
                    report(out, err, name, failures.get(name));
                    continue;
                }
                try {
                    BgrImage image = decoder.decode(inputs.get(name));
                    List<DetectedFace> faces = yunet.detect(image);
                    print(out, name, image, faces);
                } catch (InvalidImageException e) {
                    failures.put(name, e.getMessage());
                    report(out, err, name, e.getMessage());
                }
            }
        }
        out.flush();
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private void print(PrintWriter out, String name, BgrImage image, List<DetectedFace> faces) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("image", name);
            doc.put("width", image.width());
            doc.put("height", image.height());
            doc.put("faces", faces.stream().map(FaceJson::of).toList());
            out.println(Json.line(doc));
            return;
        }
        out.printf("%s: %d face(s) in %dx%d%n", name, faces.size(), image.width(), image.height());
        for (DetectedFace f : faces) {
            out.printf("  box x=%.0f y=%.0f w=%.0f h=%.0f score=%.3f landmarks=%s%n", f.box().x(), f.box().y(),
                    f.box().width(), f.box().height(), f.score(), FaceJson.landmarks(f));
        }
    }

    private void report(PrintWriter out, PrintWriter err, String name, String reason) {
        if (json) {
            out.println(Json.line(Map.of("image", name, "error", reason)));
        } else {
            err.println(name + ": skipped: " + reason);
        }
    }
}
