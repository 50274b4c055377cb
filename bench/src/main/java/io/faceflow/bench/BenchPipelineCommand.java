package io.faceflow.bench;

import io.faceflow.app.bench.BenchFrames;
import io.faceflow.app.bench.PipelineBenchmark;
import io.faceflow.app.cli.DetectorOptions;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.encode.EncodedImage;
import io.faceflow.ingest.encode.JpegEncoder;
import io.faceflow.ingest.encode.ResizeCap;
import io.faceflow.ingest.source.FrameSource;
import io.faceflow.ingest.source.SourceOpener;
import io.faceflow.streams.tracking.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.Frame;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"The stream processor's per-frame work on this machine, in-process: decode, detect, align,",
            "embed and search in shared micro-batches, decide; for N cameras playing a video as 1280x720 JPEG.",
            "Prints sustained frames/s and faces/s, frame-to-decision latency at a paced frame rate, and the",
            "ratio of pipeline faces/s to the bare embedder's at the same batch size; with --tracks, the tracked",
            "mode's embeddings per frame and frames/s against the per-face run's. Kafka is not included."})
public final class BenchPipelineCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--video", required = true, paramLabel = "FILE", description = "A clip with faces, as 1280x720 frames.")
        Path video;

        @Option(names = "--images", required = true, paramLabel = "DIR",
                description = "Photos (this folder and those under it), fitted into 1280x720 frames, --per-frame of them side by side.")
        Path images;
    }

    @Option(names = "--per-frame", defaultValue = "1", paramLabel = "N",
            description = "With --images: photos side by side in each frame, e.g. 2 portraits for two-face frames (default: ${DEFAULT-VALUE}).")
    int perFrame;

    @Option(names = "--hold", defaultValue = "1", paramLabel = "N",
            description = "With --images: each frame shown N times in a row, as people staying before the camera for N"
                    + " frames (what tracks save on; default: ${DEFAULT-VALUE}).")
    int hold;

    @Option(names = "--gap", defaultValue = "0", paramLabel = "M",
            description = "With --images: M empty frames after each held one, as people leaving before others come"
                    + " (default: ${DEFAULT-VALUE}).")
    int gap;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--cameras", defaultValue = "1", description = "Cameras playing the clip at once (default: ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--fps", defaultValue = "5", description = "Frames per second per camera for the latency run (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--frames", defaultValue = "60", description = "Frames taken from the clip and looped (default: ${DEFAULT-VALUE}).")
    int frameCount;

    @Option(names = "--batch-wait-ms", defaultValue = "2", description = "Longest wait of a batch's first face (default: ${DEFAULT-VALUE}, as the stream's batch.wait.ms).")
    int batchWaitMs;

    @Option(names = "--tracks", description = "Also run the stream's tracked mode (tracks=true, default tracker) and"
            + " compare embeddings per frame and frames/s with the per-face run.")
    boolean tracks;

    @Option(names = "--detect-every", defaultValue = "1", paramLabel = "N",
            description = "With --tracks: detect on one frame in N, as the stream's tracks.detect.every"
                    + " (default: ${DEFAULT-VALUE}).")
    int detectEvery;

    @Option(names = "--detect-max-side", defaultValue = "640", description = "Detection size, 0 = full frame (default: ${DEFAULT-VALUE}).")
    int detectMaxSide;

    @Mixin
    RecognitionOptions recognition;

    @Mixin
    DetectorOptions detector;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path input = source.video != null ? source.video : source.images;
        if (source.video != null ? !Files.isRegularFile(input) : !Files.isDirectory(input)) {
            throw new ParameterException(spec.commandLine(), input + " is not a " + (source.video != null ? "file"
                    : "folder"));
        }
        if (cameras < 1 || fps <= 0 || seconds < 1 || frameCount < 1 || perFrame < 1 || perFrame > 8 || hold < 1
                || gap < 0 || detectEvery < 1) {
            throw new ParameterException(spec.commandLine(), "need --cameras >= 1, --fps > 0, --duration >= 1, --frames >= 1,"
                    + " --per-frame 1 to 8, --hold >= 1, --gap >= 0, --detect-every >= 1");
        }
        List<byte[]> frames = source.video != null ? videoFrames(source.video)
                : held(BenchFrames.sideBySide(source.images, perFrame, frameCount));
        System.err.printf("%d frames of %s as 1280x720 JPEG%n", frames.size(), input.getFileName());
        Path temp = Files.createTempDirectory("faceflow-bench-pipeline");
        try (RecognitionModel model = recognition.load(); YuNetDetector yunet = detector.open();
                GalleryCatalog catalog = GalleryCatalogs.open("file:" + temp)) {
            GalleryManager gallery = new GalleryManager(catalog, new CropStore(temp.resolve("crops")));
            System.err.printf("model %s on %s with %s (%d pass(es) at once), batch %d%n", model.version(), model.device(),
                    model.engine(), model.parallelPasses(), recognition.batch());
            PipelineBenchmark bench = new PipelineBenchmark(frames, yunet, recognition.embedder(model), gallery,
                    new PipelineBenchmark.Settings(cameras, recognition.batch(), Duration.ofMillis(batchWaitMs),
                            detectMaxSide, fps, Duration.ofSeconds(seconds),
                            tracks ? TrackerConfig.defaults().withDetectEvery(detectEvery) : null),
                    System.err);
            for (String line : bench.run()) {
                spec.commandLine().getOut().println(line);
            }
        }
        return ExitCodes.OK;
    }

    private List<byte[]> held(List<byte[]> distinct) {
        List<byte[]> out = new ArrayList<>(distinct.size() * (hold + gap));
        byte[] empty = BenchFrames.empty();
        for (byte[] frame : distinct) {
            out.addAll(Collections.nCopies(hold, frame));
            out.addAll(Collections.nCopies(gap, empty));
        }
        return out;
    }

    private List<byte[]> videoFrames(Path video) throws Exception {
        CameraConfig camera = CameraConfig.of("bench", video.toString(), 0).withPlayback(false, false);
        List<byte[]> out = new ArrayList<>();
        try (JpegEncoder encoder = new JpegEncoder(new ResizeCap(1280, 720), 85)) {
            try (FrameSource source = SourceOpener.open(camera, Duration.ofSeconds(10))) {
                Frame frame;
                while (out.size() < frameCount && (frame = source.grabImage()) != null) {
                    if (frame.image != null) {
                        EncodedImage image = encoder.encode(frame);
                        out.add(image.bytes());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(video + " gave no frames");
        }
        return out;
    }
}
