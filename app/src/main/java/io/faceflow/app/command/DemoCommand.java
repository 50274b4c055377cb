package io.faceflow.app.command;

import io.faceflow.app.cli.ExitCodes;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.fetch.ModelFetcher;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the face pipeline on a folder of photos on this machine: detect, align, embed, compare.",
            "Fetches the detector and the pretrained MobileFaceNet recogniser if they are missing (the one network",
            "access, checksummed) and uses the recogniser unless --model names another bundle."})
public final class DemoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files or folders of images.")
    List<Path> paths;

    @Option(names = "--model", paramLabel = "BUNDLE",
            description = "Recognition model (default: the pretrained mobilefacenet bundle in the models folder).")
    Path model;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Detector and recogniser folder (default: $FACEFLOW_MODELS, else ~/.faceflow/models).")
    Path modelsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path yunet = ModelFiles.yunet(modelsDir);
        if (!Files.isRegularFile(yunet)) {
            out.println("fetching the YuNet detector into " + yunet.getParent() + " ...");
            ModelFetcher.fetch(ModelFetcher.YUNET, yunet.getParent());
        }
        Path bundle = model;
        if (bundle == null) {
            Path folder = yunet.getParent();
            if (!ModelFetcher.present(ModelFetcher.FR_FEATURE, folder)
                    && !Files.isRegularFile(PretrainedRecognizer.defaultBundle().resolve(ModelBundle.MANIFEST))) {
                out.println("fetching the pretrained MobileFaceNet recogniser into " + folder + " ...");
                ModelFetcher.fetch(ModelFetcher.FR_FEATURE, folder);
            }
            bundle = PretrainedRecognizer.ensureBundle(folder);
            out.println("no --model given: using the pretrained MobileFaceNet bundle " + bundle
                    + " (fr_feature.onnx, MIT licence)");
        }
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (Path path : expand(paths)) {
            images.put(path.toString(), Files.readAllBytes(path));
        }
        try (YuNetDetector yn = new YuNetDetector(DetectorConfig.forModels(yunet.getParent()));
                RecognitionModel recognition = RecognitionModel.load(bundle, ModelOptions.DEFAULT)) {
            long start = System.nanoTime();
            List<ImageFaces> outcomes = new FacePipeline(yn, new FaceEmbedder(recognition, 16),
                    PipelineOptions.of(FaceSelection.LARGEST, FaceQuality.ANY)).analyzeEncoded(images);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Named> embedded = new ArrayList<>();
            for (ImageFaces o : outcomes) {
                if (o.problem() == null) {
                    AnalyzedFace face = o.accepted().get(0);
                    embedded.add(new Named(o.source(), face.embedding()));
                    out.printf("%-50s %d face(s); largest %.0fx%.0f px, score %.2f%n", o.source(), o.faces().size(),
                            face.detection().box().width(), face.detection().box().height(), face.detection().score());
                } else {
                    out.printf("%-50s skipped: %s%n", o.source(), o.problem());
                }
            }
            out.printf("%d image(s) in %.2f s with model %s on %s%n", images.size(), seconds, recognition.version(),
                    recognition.device());
            printClosestPairs(out, embedded);
            return embedded.isEmpty() ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    private record Named(String source, float[] embedding) {}

    private static void printClosestPairs(PrintWriter out, List<Named> faces) {
        for (Named a : faces) {
            Named best = null;
            double bestScore = -2;
            for (Named b : faces) {
                double s = a == b ? -2 : Vectors.dot(a.embedding(), b.embedding());
                if (s > bestScore) {
                    bestScore = s;
                    best = b;
                }
            }
            if (best != null) {
                out.printf("closest to %s: %s (cosine %.3f)%n", a.source(), best.source(), bestScore);
            }
        }
    }

    private static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        return files;
    }
}
