package io.faceflow.app.bench;

import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.pipeline.SourceImage;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.gallery.EnrolTemplate;
import io.faceflow.index.gallery.EnrolmentRequest;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.GenerationRecipe;
import io.faceflow.recognition.LiveModel;
import io.faceflow.streams.batch.BatchPolicy;
import io.faceflow.streams.batch.BatchedServing;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream processor's per-frame work, measured in-process: decode, detect (on the frame scaled
 * to the detection size), align, check quality, embed (shared micro-batches), search (shared) and
 * decide, for N cameras at once. Kafka's transport is not part of it: see the end-to-end test and
 * the ingest benchmark for that side.
 *
 * <p>Every face of the first frame is enrolled and the threshold set to -1, so every accepted face
 * produces a decision that would alert: the figures include the alert path.
 */
public final class PipelineBenchmark {
    /** One run's settings. */
    public record Settings(int cameras, int batch, Duration batchWait, int detectMaxSide, double fps, Duration duration) {}

    /** What one mode measured. */
    public record Result(String mode, int cameras, long frames, long faces, double seconds, double p50Ms,
            double p99Ms) {
        public String format() {
            return String.format(Locale.ROOT, "%-10s cameras %d: %6.1f frames/s, %6.1f faces/s (%d frames, %.2f"
                    + " faces/frame), frame-to-decision p50 %.1f ms, p99 %.1f ms", mode, cameras, frames / seconds,
                    faces / seconds, frames, frames == 0 ? 0 : (double) faces / frames, p50Ms, p99Ms);
        }

        double facesPerSecond() {
            return faces / seconds;
        }

        public double framesPerSecond() {
            return frames / seconds;
        }
    }

    private final List<byte[]> frames;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final GalleryManager gallery;
    private final Settings settings;
    private final PrintStream progress;
    private Result throughput;

    public PipelineBenchmark(List<byte[]> frames, FaceDetector detector, FaceEmbedder embedder, GalleryManager gallery,
            Settings settings, PrintStream progress) {
        this.frames = frames;
        this.detector = detector;
        this.embedder = embedder;
        this.gallery = gallery;
        this.settings = settings;
        this.progress = progress;
    }

    /** Throughput (as fast as possible), paced latency (at the given fps per camera), and the bare embedder. */
    public List<String> run() throws InterruptedException {
        enrolFirstFrame();
        List<String> lines = new ArrayList<>();
        // Every camera thread submits, as every stream thread does in the processor.
        BatchPolicy policy = new BatchPolicy(settings.batch(), settings.batchWait(), settings.cameras());
        // Threshold -1: every face decides, since the benchmark times the work, not the answers.
        GenerationRecipe recipe = new GenerationRecipe(-1.0, version -> gallery.live(),
                new BatchedServing(embedder.batchSize(), 1, policy, n -> {}, n -> {}));
        try (LiveModel live = new LiveModel(recipe.borrowing(embedder.model()))) {
            Identifier identifier = new Identifier(detector, streamOptions(), live, 1);
            FrameWork pipelineWork = (image, n) -> identifier.identify(List.of(new SourceImage("f" + n, image)))
                    .get(0).faces().stream().filter(f -> f.face().accepted()).count();
            progress.println("warming up ...");
            runCameras("warm-up", pipelineWork, 1, 0, Duration.ofSeconds(3));
            progress.println("throughput: " + settings.cameras() + " camera(s) as fast as possible for "
                    + settings.duration().toSeconds() + " s ...");
            Result fast = runCameras("throughput", pipelineWork, settings.cameras(), 0, settings.duration());
            throughput = fast;
            lines.add(fast.format());
            progress.println(fast.format());
            progress.println("latency: " + settings.cameras() + " camera(s) at " + settings.fps() + " frames/s ...");
            Result paced = runCameras("paced", pipelineWork, settings.cameras(), settings.fps(), settings.duration());
            lines.add(paced.format());
            progress.println("the same frames through the models alone, " + settings.cameras() + " thread(s) ...");
            Result bareModels = runCameras("models", bareModelsWork(), settings.cameras(), 0, settings.duration());
            lines.add(bareModels.format());
            lines.add(String.format(Locale.ROOT, "plumbing   pipeline/models-alone frames/s ratio %.2f (micro-batching,"
                    + " search and decisions against calling the models directly)",
                    fast.framesPerSecond() / bareModels.framesPerSecond()));
            double bare = bareEmbedderFacesPerSecond();
            lines.add(String.format(Locale.ROOT, "embedder   batch %d alone: %.1f faces/s; pipeline/embedder faces/s"
                    + " ratio %.2f", settings.batch(), bare, fast.facesPerSecond() / bare));
        }
        return lines;
    }

    /** The throughput run's result, once {@link #run()} has returned. */
    public Result throughput() {
        return throughput;
    }

    /** What one camera thread does with one decoded frame; returns the faces accepted for search. */
    @FunctionalInterface
    private interface FrameWork {
        long process(BgrImage image, int frameNumber);
    }

    /**
     * The reference for the plumbing's cost: each thread detects, aligns, checks quality and embeds
     * its own frame's faces in one direct call, with no shared batches, no search and no decision.
     */
    private FrameWork bareModelsWork() {
        FacePipeline direct = new FacePipeline(detector, embedder, streamOptions());
        return (image, n) -> direct.analyze(List.of(new SourceImage("f" + n, image))).get(0).accepted().size();
    }

    /** What the stream processor does with a frame: every face, identification quality, detection size. */
    private PipelineOptions streamOptions() {
        return new PipelineOptions(FaceSelection.ALL, FaceQuality.IDENTIFICATION, settings.detectMaxSide());
    }

    private void enrolFirstFrame() {
        FacePipeline pipeline = new FacePipeline(detector, embedder, PipelineOptions.of(FaceSelection.ALL,
                FaceQuality.ANY));
        ImageFaces first = pipeline.analyzeEncoded(Map.of("frame-0", frames.get(0))).get(0);
        int i = 0;
        for (AnalyzedFace f : first.accepted()) {
            gallery.enrol(new EnrolmentRequest("walker-" + i, "walker " + i, Map.of(), embedder.modelVersion(),
                    List.of(new EnrolTemplate("t0", f.embedding(), ImageEncoder.png(f.crop())))));
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no face in the video's first frame: use a clip with people facing"
                    + " the camera");
        }
    }

    /** Cameras on their own threads, each looping over the frames; fps 0 = as fast as possible. */
    private Result runCameras(String mode, FrameWork work, int cameras, double fps, Duration duration)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong faces = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            int camera = c;
            threads.add(Thread.ofPlatform().name("bench-camera-" + c).start(() -> {
                ImageDecoder decoder = new ImageDecoder();
                long period = fps > 0 ? (long) (1e9 / fps) : 0;
                long due = System.nanoTime() + camera * (period / Math.max(1, cameras));
                for (int n = camera; ; n++) {
                    if (period > 0) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                    }
                    long frameTime = period > 0 ? due : System.nanoTime();
                    if (frameTime >= end) {
                        return;
                    }
                    BgrImage image = decoder.decode(frames.get(n % frames.size()));
                    faces.addAndGet(work.process(image, n));
                    latencies.add(System.nanoTime() - frameTime);
                    due += period;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(mode, cameras, sorted.length, faces.get(), seconds,
                percentile(sorted, 0.5), percentile(sorted, 0.99));
    }

    private double bareEmbedderFacesPerSecond() {
        FacePipeline pipeline = new FacePipeline(detector, embedder, PipelineOptions.of(FaceSelection.ALL,
                FaceQuality.IDENTIFICATION));
        List<BgrImage> crops = new ArrayList<>();
        for (int i = 0; i < frames.size() && crops.size() < 256; i++) {
            pipeline.analyzeEncoded(Map.of("f", frames.get(i))).get(0).accepted().forEach(f -> crops.add(f.crop()));
        }
        if (crops.isEmpty()) {
            throw new IllegalArgumentException("no face of the clip passed the identification quality checks (32 px,"
                    + " sharpness " + FaceQuality.IDENTIFICATION.minSharpness() + "): use a clip with larger faces");
        }
        while (crops.size() < settings.batch() * 4) {
            crops.addAll(List.copyOf(crops));
        }
        embedder.embed(crops.subList(0, settings.batch()));
        long start = System.nanoTime();
        embedder.embed(crops);
        return crops.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
