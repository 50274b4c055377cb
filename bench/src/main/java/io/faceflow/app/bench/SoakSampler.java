package io.faceflow.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples this process at a fixed pace during a long run: resident memory and open file
 * descriptors from /proc (what an operator's dashboard shows, native memory included), and the
 * Java heap in use. A leak shows as a slope, so the summary fits one by least squares.
 */
public final class SoakSampler implements AutoCloseable {
    /** One reading, {@code seconds} after the sampler started. */
    public record Sample(double seconds, long residentKb, long openFiles, long heapKb) {}

    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("faceflow-soak-sampler").unstarted(r));
    private final long startNanos = System.nanoTime();
    private final PrintWriter out;

    public SoakSampler(Duration every, PrintWriter out) {
        this.out = out;
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        Runtime rt = Runtime.getRuntime();
        Sample s = new Sample((System.nanoTime() - startNanos) / 1e9, residentKb(), openFiles(),
                (rt.totalMemory() - rt.freeMemory()) / 1024);
        synchronized (samples) {
            samples.add(s);
        }
        synchronized (out) {
            out.printf(Locale.ROOT, "[soak] %s resident %d MB, heap in use %d MB, open files %d%n",
                    clock(s.seconds()), s.residentKb() / 1024, s.heapKb() / 1024, s.openFiles());
            out.flush();
        }
    }

    /** Stops sampling; returns every sample, in order (all taken while the run was up, none after its close). */
    public List<Sample> finish() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Least-squares slope of resident memory over time, in MB per hour, from the samples after {@code warmUpSeconds}. */
    public static double residentGrowthMbPerHour(List<Sample> samples, double warmUpSeconds) {
        List<Sample> steady = samples.stream().filter(s -> s.seconds() >= warmUpSeconds).toList();
        if (steady.size() < 2) {
            return Double.NaN;
        }
        double mt = steady.stream().mapToDouble(Sample::seconds).average().orElseThrow();
        double mr = steady.stream().mapToDouble(Sample::residentKb).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (Sample s : steady) {
            num += (s.seconds() - mt) * (s.residentKb() - mr);
            den += (s.seconds() - mt) * (s.seconds() - mt);
        }
        return den == 0 ? Double.NaN : num / den * 3600 / 1024;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: reported as -1
        }
        return -1;
    }

    private static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
