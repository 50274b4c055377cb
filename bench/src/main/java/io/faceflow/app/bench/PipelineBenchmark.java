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
import io.faceflow.streams.batch.BatchingEmbedder;
import io.faceflow.streams.batch.BatchingGallery;
import io.faceflow.streams.tracking.TrackerConfig;
import io.faceflow.streams.tracking.TrackerState;
import io.faceflow.streams.tracking.TrackingIdentifier;
import io.faceflow.streams.tracking.TrackingIdentifier.TrackedFrame;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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
    /**
     * One run's settings.
     *
     * @param tracks also run the stream's tracked mode with this tracker and compare; null not to
     */
    public record Settings(int cameras, int batch, Duration batchWait, int detectMaxSide, double fps, Duration duration,
            TrackerConfig tracks) {
        public Settings(int cameras, int batch, Duration batchWait, int detectMaxSide, double fps, Duration duration) {
            this(cameras, batch, batchWait, detectMaxSide, fps, duration, null);
        }
    }

    /** Capture time between consecutive frames of the clip for the tracker, as at 25 frames/s. */
    static final long CLIP_FRAME_MS = 40;

    /**
     * What one mode measured.
     *
     * @param busyCores this process's CPU time over the run's wall time: how many cores the work kept
     *                  busy (against {@code Runtime.availableProcessors()}, whether it was bound by them)
     */
    public record Result(String mode, int cameras, long frames, long faces, long embedded, double seconds,
            double p50Ms, double p99Ms, double busyCores) {
        public String format() {
            return String.format(Locale.ROOT, "%-10s cameras %d: %6.1f frames/s, %6.1f faces/s (%d frames, %.2f"
                    + " faces/frame, %.2f embeddings/frame), frame-to-decision p50 %.1f ms, p99 %.1f ms, cpu %.2f of %d"
                    + " cores", mode, cameras, frames / seconds, faces / seconds, frames, perFrame(faces),
                    perFrame(embedded), p50Ms, p99Ms, busyCores, Runtime.getRuntime().availableProcessors());
        }

        double embeddingsPerFrame() {
            return perFrame(embedded);
        }

        private double perFrame(long n) {
            return frames == 0 ? 0 : (double) n / frames;
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
            FrameWork pipelineWork = (image, n) -> {
                long accepted = identifier.identify(List.of(new SourceImage("f" + n, image)))
                        .get(0).faces().stream().filter(f -> f.face().accepted()).count();
                return new FrameCounts(accepted, accepted);
            };
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
            if (settings.tracks() != null) {
                progress.println("tracks: " + settings.cameras() + " camera(s) as fast as possible ...");
                Result tracked = runCameras("tracks", trackedWork(identifier), settings.cameras(), 0,
                        settings.duration());
                lines.add(tracked.format());
                lines.add(String.format(Locale.ROOT, "tracks/no  embeddings/frame %.2f -> %.2f (%.1fx fewer),"
                        + " frames/s %.1f -> %.1f (%.2fx)", fast.embeddingsPerFrame(), tracked.embeddingsPerFrame(),
                        fast.embeddingsPerFrame() / tracked.embeddingsPerFrame(), fast.framesPerSecond(),
                        tracked.framesPerSecond(), tracked.framesPerSecond() / fast.framesPerSecond()));
            }
        }
        return lines;
    }

    /**
     * The stream's tracked mode: each camera thread keeps its own tracks and hands every frame,
     * {@link #CLIP_FRAME_MS} apart in capture time, to the tracker; only planned faces are embedded.
     */
    private FrameWork trackedWork(Identifier identifier) {
        TrackingIdentifier tracking = new TrackingIdentifier(settings.tracks());
        ThreadLocal<TrackerState> tracks = ThreadLocal.withInitial(
                () -> TrackerState.empty(Thread.currentThread().getName()));
        return (image, n) -> {
            TrackedFrame frame = identifier.withModel(model -> tracking.identify(model, tracks.get(), n,
                    n * CLIP_FRAME_MS, new SourceImage("f" + n, image)));
            tracks.set(frame.step().state());
            return new FrameCounts(frame.faces().stream().filter(AnalyzedFace::accepted).count(),
                    frame.faces().stream().filter(f -> f.embedding() != null).count());
        };
    }

    /** The throughput run's result, once {@link #run()} has returned. */
    public Result throughput() {
        return throughput;
    }

    /** What one camera thread does with one decoded frame. */
    @FunctionalInterface
    private interface FrameWork {
        FrameCounts process(BgrImage image, int frameNumber);
    }

    /** A frame's faces accepted for search, and of those the ones embedded. */
    private record FrameCounts(long faces, long embedded) {}

    /**
     * The reference for the plumbing's cost: each thread detects, aligns, checks quality and embeds
     * its own frame's faces in one direct call, with no shared batches, no search and no decision.
     */
    private FrameWork bareModelsWork() {
        FacePipeline direct = new FacePipeline(detector, embedder, streamOptions());
        return (image, n) -> {
            long accepted = direct.analyze(List.of(new SourceImage("f" + n, image))).get(0).accepted().size();
            return new FrameCounts(accepted, accepted);
        };
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
        AtomicLong embedded = new AtomicLong();
        long cpuStart = processCpuNanos();
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
                    FrameCounts counts = work.process(image, n);
                    faces.addAndGet(counts.faces());
                    embedded.addAndGet(counts.embedded());
                    latencies.add(System.nanoTime() - frameTime);
                    due += period;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double busyCores = (processCpuNanos() - cpuStart) / 1e9 / seconds;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(mode, cameras, sorted.length, faces.get(), embedded.get(), seconds,
                percentile(sorted, 0.5), percentile(sorted, 0.99), busyCores);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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
