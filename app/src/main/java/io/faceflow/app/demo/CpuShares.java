package io.faceflow.app.demo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU went during a run through Kafka: this process's threads grouped by their job, the
 * JVM's own work (garbage collection, compilation), and the broker process. On one machine the
 * broker, ingest and the alert reader share the cores with the processor, and this is how a bench
 * shows what the path through Kafka costs beside the processor's own work.
 */
public final class CpuShares {
    /** Thread name fragments and the job they stand for; the first match wins. */
    private static final List<Map.Entry<String, String>> JOBS = List.of(
            Map.entry("StreamThread", "stream threads"),
            Map.entry("faceflow-inference", "embedding"),
            Map.entry("faceflow-search", "gallery search"),
            Map.entry("faceflow-segment-search", "gallery search"),
            Map.entry("faceflow-sighting-sink", "sighting sink"),
            Map.entry("Lucene Merge Thread", "index merges"),
            Map.entry("faceflow-graph-merge", "index merges"),
            Map.entry("faceflow-index", "index merges"),
            Map.entry("ingest", "ingest"),
            Map.entry("demo-alerts", "alert reader"),
            Map.entry("kafka-", "kafka client I/O"));
    private static final String OTHER = "other threads";
    private static final String JVM = "JVM (GC, JIT)";
    private static final String BROKER = "broker process";

    /** CPU nanoseconds by job at one moment, and when. */
    public record Snapshot(long wallNanos, long processCpuNanos, Map<String, Long> threadCpuNanos, long brokerCpuNanos,
            Map<String, Double> streamThreadRatios) {}

    private CpuShares() {}

    /**
     * Reads every live thread's CPU time, the process's, the broker's ({@code brokerPid}; -1 for
     * none) and the stream threads' time ratios that Kafka Streams reports into {@code registry}.
     */
    public static Snapshot take(long brokerPid, MeterRegistry registry) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byJob = new LinkedHashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byJob.merge(job(info.getThreadName()), cpu, Long::sum);
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long broker = brokerPid < 0 ? 0 : ProcessHandle.of(brokerPid).flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(0L);
        return new Snapshot(System.nanoTime(), process, byJob, broker, streamThreadRatios(registry));
    }

    static String job(String threadName) {
        for (Map.Entry<String, String> j : JOBS) {
            if (threadName.contains(j.getKey())) {
                return j.getValue();
            }
        }
        return OTHER;
    }

    /**
     * Kafka Streams' per-thread ratios (process, poll, commit, punctuate: shares of the thread's
     * wall time over its recent window), averaged over the stream threads.
     */
    private static Map<String, Double> streamThreadRatios(MeterRegistry registry) {
        Map<String, double[]> sums = new TreeMap<>();
        if (registry != null) {
            for (String kind : List.of("process", "poll", "commit", "punctuate")) {
                for (Gauge g : registry.find("kafka.stream.thread." + kind + ".ratio").gauges()) {
                    double v = g.value();
                    if (Double.isFinite(v)) {
                        double[] s = sums.computeIfAbsent(kind, k -> new double[2]);
                        s[0] += v;
                        s[1]++;
                    }
                }
            }
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        sums.forEach((kind, s) -> {
            if (s[1] > 0) {
                ratios.put(kind, s[0] / s[1]);
            }
        });
        return ratios;
    }

    /** CPU seconds by job between two snapshots, largest first, as one line. */
    public static String between(Snapshot from, Snapshot to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Long> used = new LinkedHashMap<>();
        long threadsTotal = 0;
        for (Map.Entry<String, Long> e : to.threadCpuNanos().entrySet()) {
            long d = Math.max(0, e.getValue() - from.threadCpuNanos().getOrDefault(e.getKey(), 0L));
            used.put(e.getKey(), d);
            threadsTotal += d;
        }
        used.put(JVM, Math.max(0, to.processCpuNanos() - from.processCpuNanos() - threadsTotal));
        used.put(BROKER, Math.max(0, to.brokerCpuNanos() - from.brokerCpuNanos()));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%.1f s x %d cores = %.1f core-s; used %.1f (%.0f%%):", wall, cores, wall * cores, total / 1e9,
                100 * total / 1e9 / (wall * cores)));
        used.entrySet().stream().filter(e -> e.getValue() >= 5_000_000).sorted(Map.Entry.<String, Long>comparingByValue()
                .reversed()).forEach(e -> b.append(String.format(Locale.ROOT, " %s %.1f (%.0f%%),", e.getKey(),
                        e.getValue() / 1e9, 100.0 * e.getValue() / Math.max(1, total))));
        b.setLength(b.length() - 1);
        if (!to.streamThreadRatios().isEmpty()) {
            b.append("; stream thread time:");
            to.streamThreadRatios().forEach((kind, r) -> b.append(String.format(Locale.ROOT, " %s %.0f%%", kind, 100 * r)));
        }
        return b.toString();
    }
}
