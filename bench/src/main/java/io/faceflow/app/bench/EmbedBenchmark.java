package io.faceflow.app.bench;

import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.model.Backbone;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures the embedder's forward pass on random 112x112 crops, timed after a warm-up: an
 * untrained network of an architecture (speed does not depend on the weights) or a given bundle.
 */
public final class EmbedBenchmark {

    /**
     * One measured configuration. {@code cpuMsPerBatch} is the process's CPU time (all threads,
     * native ones included) per batch: unlike wall time it barely moves when other programs share
     * the cores, so it is the fairer figure for comparing implementations on a busy machine.
     */
    public record Result(String arch, int batch, int iterations, double msPerBatchMedian, double msPerBatchMean,
            double cpuMsPerBatch, double imagesPerSecond, double gflopsPerSecond, String device, String engine) {}

    private EmbedBenchmark() {}

    public static Result run(Backbone arch, int batch, int warmup, int iterations, ModelOptions options)
            throws IOException {
        Path dir = Files.createTempDirectory("faceflow-bench-");
        try {
            ModelBundle.initRandom(dir, arch, 1);
            return run(dir, arch.id(), arch.flopsPerImage(), batch, warmup, iterations, options);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Measures an existing bundle of any format (e.g. an ONNX file under ONNX Runtime against the
     * same network in DJL); {@code flopsPerImage} only scales the GFLOP/s column.
     */
    public static Result run(Path bundle, String label, long flopsPerImage, int batch, int warmup, int iterations,
            ModelOptions options) {
        try (RecognitionModel model = RecognitionModel.load(bundle, options)) {
            List<BgrImage> crops = randomCrops(batch);
            for (int i = 0; i < warmup; i++) {
                model.forward(crops);
            }
            double[] ms = new double[iterations];
            long cpuStart = processCpuNanos();
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                model.forward(crops);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / iterations;
            double mean = Arrays.stream(ms).average().orElseThrow();
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            double imagesPerSecond = batch * 1000.0 / mean;
            double gflops = imagesPerSecond * flopsPerImage / 1e9;
            return new Result(label, batch, iterations, median, mean, cpuMs, imagesPerSecond, gflops,
                    model.device().toString(), model.engine());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<BgrImage> randomCrops(int n) {
        Random random = new Random(0);
        List<BgrImage> crops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[112 * 112 * 3];
            random.nextBytes(px);
            crops.add(new BgrImage(112, 112, px));
        }
        return crops;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
