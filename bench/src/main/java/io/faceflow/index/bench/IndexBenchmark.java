package io.faceflow.index.bench;

import io.faceflow.index.BestPerIdentity;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.Identity;
import io.faceflow.index.IndexUri;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.Vectors;
import io.faceflow.index.embedded.EmbeddedCatalog;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.milvus.MilvusCatalog;
import io.faceflow.index.milvus.MilvusConnection;
import io.faceflow.index.milvus.MilvusFaceIndex;
import io.faceflow.index.milvus.MilvusOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code faceflow bench index}: insert rate, single-face search latency (p50/p99 at top-10),
 * recall@10 against an exact scan and rank-1 accuracy, on face-shaped or isotropic vectors.
 */
public final class IndexBenchmark {
    private static final String MODEL = "bench-model";
    private static final int INSERT_BATCH_TEMPLATES = 20_000;
    /** Leading queries that are searched but not timed or scored (bench/hnswlib_reference.py skips as many). */
    public static final int WARMUP = 50;

    private IndexBenchmark() {}

    /** The gallery and probes of a run (WARMUP + queries probes), as the benchmark and an export see them. */
    static BenchData data(BenchConfig config) {
        int probes = config.queries() + WARMUP;
        if (config.data() == BenchConfig.DataMode.ISOTROPIC) {
            return IsotropicData.generate(config.seed(), config.dim(), config.size(), config.templatesPerIdentity(), probes);
        }
        FaceShape shape = FaceShape.load(config.faceShape());
        if (shape.dim() != config.dim()) {
            throw new IllegalArgumentException("the face shape in " + config.faceShape() + " is of dim " + shape.dim()
                    + ", not " + config.dim() + ": pass --dim " + shape.dim() + " or fit a shape of that model");
        }
        return new FaceShapedData(shape).generate(config.seed(), config.size(), probes);
    }

    /** Builds the gallery once, then measures search at each of the configured beams (one result each). */
    public static List<BenchResult> run(BenchConfig config, PrintStream progress) {
        BenchData data = data(config);
        progress.printf("generated %s data: %d identities / %d templates of dim %d%n", data.mode(), data.identities(),
                data.vectors().length, data.dim());
        if (config.export() != null) {
            data.export(config.export());
            progress.println("exported the gallery and probes to " + config.export());
        }
        Path tempDir = null;
        GalleryCatalog catalog;
        String notes;
        int defaultBeam;
        BenchConfig.Build build = config.build();
        if (config.backend().equals("embedded")) {
            Path dir = config.embeddedDir();
            if (dir == null) {
                try {
                    tempDir = Files.createTempDirectory("faceflow-bench-");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a temporary folder for the benchmark", e);
                }
                dir = tempDir;
            }
            EmbeddedOptions options = EmbeddedOptions.defaults();
            options = options.withGraph(orDefault(build.hnswM(), options.hnswM()),
                    orDefault(build.efConstruction(), options.hnswBeamWidth()));
            catalog = new EmbeddedCatalog(dir, options);
            defaultBeam = options.efSearch();
            notes = data.vectors().length > options.exactScanThreshold()
                    ? "HNSW M=" + options.hnswM() + " efConstruction=" + options.hnswBeamWidth()
                    : "exact scan below " + options.exactScanThreshold() + " templates";
        } else {
            MilvusOptions options = MilvusOptions.defaults()
                    .withCollectionPrefix("bench_" + ProcessHandle.current().pid() + "_")
                    .withConsistency(config.consistency());
            options = options.withHnsw(orDefault(build.hnswM(), options.hnswM()),
                            orDefault(build.efConstruction(), options.hnswEfConstruction()))
                    .withIndexKind(build.milvusIndex() == null ? options.indexKind() : build.milvusIndex());
            defaultBeam = options.indexKind().isIvf() ? options.ivfNprobe() : options.hnswEf();
            catalog = new MilvusCatalog(MilvusConnection.fromEnvironment((IndexUri.Milvus) IndexUri.parse(config.indexUri()),
                    options));
            notes = (options.indexKind().isIvf()
                    ? options.indexKind() + " nlist=" + options.ivfNlist()
                    : "HNSW M=" + options.hnswM() + " efConstruction=" + options.hnswEfConstruction())
                    + ", consistency " + options.consistency();
        }
        try {
            FaceIndex index = catalog.open(MODEL, config.dim());
            Path keep = config.backend().equals("embedded") ? config.embeddedDir() : null;
            String signature = data.signature() + " " + notes;
            Built built = keep == null ? null : BuildStamp.read(keep, signature);
            if (built != null) {
                progress.println("reusing the index in " + keep + ", built earlier from the same data and settings");
            } else {
                built = build(index, data, progress, tempDir != null ? tempDir : keep, notes);
                if (keep != null) {
                    BuildStamp.write(keep, signature, built);
                }
            }
            if (index instanceof MilvusFaceIndex milvusIndex) {
                built = built.withNotes(built.notes() + ", server reports " + milvusIndex.describeVectorIndex());
            }

            List<Integer> beams = config.searchBeams().isEmpty() ? List.of(defaultBeam) : config.searchBeams();
            // One untimed pass first, so the JIT has compiled the search path before the first beam is timed.
            FaceIndex warm = index.withSearchBeam(beams.get(0));
            for (float[] probe : data.queries()) {
                warm.search(new SearchRequest(MODEL, List.of(probe), config.topK()));
            }
            List<BenchResult> results = new ArrayList<>();
            for (int beam : beams) {
                BenchResult result = measure(config, index.withSearchBeam(beam), beam, data, built);
                progress.println(result.format());
                results.add(result);
            }
            return results;
        } finally {
            if (catalog instanceof MilvusCatalog milvus) {
                milvus.dropEverything();
            }
            catalog.close();
            if (tempDir != null) {
                deleteQuietly(tempDir);
            }
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    record Built(double insertPerSecond, double insertSeconds, double finishSeconds, Path embeddedDir, String notes) {
        Built withNotes(String text) {
            return new Built(insertPerSecond, insertSeconds, finishSeconds, embeddedDir, text);
        }
    }

    /** Inserts the gallery through the public upsert in batches (each a durable commit), then finishes the bulk load. */
    private static Built build(FaceIndex index, BenchData data, PrintStream progress, Path embeddedDir, String notes) {
        List<Identity> gallery = data.gallery();
        long start = System.nanoTime();
        int done = 0;
        List<Identity> batch = new ArrayList<>();
        int batchTemplates = 0;
        int templates = 0;
        for (Identity person : gallery) {
            batch.add(person);
            batchTemplates += person.templates().size();
            templates += person.templates().size();
            if (batchTemplates >= INSERT_BATCH_TEMPLATES || batch.size() + done == gallery.size()) {
                index.upsert(batch);
                done += batch.size();
                progress.printf(Locale.ROOT, "inserted %d / %d identities (%d templates) in %.1f s%n", done,
                        gallery.size(), templates, (System.nanoTime() - start) / 1e9);
                batch = new ArrayList<>();
                batchTemplates = 0;
            }
        }
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        progress.printf("inserted %d templates in %.1f s%n", data.vectors().length, insertSeconds);
        long settle = System.nanoTime();
        index.finishBulkLoad();
        double finishSeconds = (System.nanoTime() - settle) / 1e9;
        progress.printf("bulk load finished (merge / flush + index build) in %.1f s%n", finishSeconds);
        return new Built(data.vectors().length / insertSeconds, insertSeconds, finishSeconds, embeddedDir, notes);
    }

    private static BenchResult measure(BenchConfig config, FaceIndex index, int beam, BenchData data, Built built) {
        float[][] queries = data.queries();
        // Other work on the machine shows in p99 first; the report says how busy it was.
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<List<SearchHit>> found = new ArrayList<>();
        double[] millis = new double[config.queries()];
        for (int q = 0; q < queries.length; q++) {
            long t0 = System.nanoTime();
            List<SearchHit> hits = index.search(new SearchRequest(MODEL, List.of(queries[q]), config.topK())).get(0);
            long t1 = System.nanoTime();
            if (q >= WARMUP) {
                millis[q - WARMUP] = (t1 - t0) / 1e6;
                found.add(hits);
            }
        }
        Arrays.sort(millis);
        String load = String.format(Locale.ROOT, ", load average %.2f before / %.2f after the timed searches",
                loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double[][] perQuery = IntStream.range(0, config.queries()).parallel().mapToObj(q -> {
            List<String> exact = exactTop(data, queries[q + WARMUP], config.topK());
            Set<String> exactSet = new HashSet<>(exact);
            List<SearchHit> hits = found.get(q);
            long hit = hits.stream().filter(h -> exactSet.contains(h.identityId())).count();
            String best = hits.isEmpty() ? "" : hits.get(0).identityId();
            int truth = data.queryOwner()[q + WARMUP];
            double correct = truth == BenchData.STRANGER ? Double.NaN : best.equals(BenchData.identityId(truth)) ? 1 : 0;
            return new double[] {(double) hit / exact.size(), best.equals(exact.get(0)) ? 1 : 0, correct};
        }).toArray(double[][]::new);
        double recall = Arrays.stream(perQuery).mapToDouble(r -> r[0]).average().orElse(0);
        double agreement = Arrays.stream(perQuery).mapToDouble(r -> r[1]).average().orElse(0);
        double accuracy = Arrays.stream(perQuery).mapToDouble(r -> r[2]).filter(d -> !Double.isNaN(d)).average()
                .orElse(Double.NaN);
        long rawMb = (long) data.vectors().length * data.dim() * Float.BYTES >> 20;
        return new BenchResult(config.backend(), data.mode(), data.vectors().length, data.dim(), data.identities(), beam,
                built.insertPerSecond(), built.insertSeconds(), built.finishSeconds(), percentile(millis, 0.50),
                percentile(millis, 0.99), recall, agreement, accuracy, config.queries(), residentMb(),
                built.embeddedDir() == null ? -1 : folderMb(built.embeddedDir()), rawMb, built.notes() + load);
    }

    /** Identity-level exact answer, scored the way the index scores (best template per identity). */
    private static List<String> exactTop(BenchData data, float[] query, int topK) {
        float[][] vectors = data.vectors();
        BestPerIdentity best = new BestPerIdentity(topK);
        float[] scores = new float[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            scores[i] = Vectors.dot(query, vectors[i]);
        }
        // Only the best templates can make the identity-level top-k; keep a generous margin.
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float cut = sorted[Math.max(0, sorted.length - topK * 50)];
        for (int i = 0; i < vectors.length; i++) {
            if (scores[i] >= cut) {
                best.offer(new SearchHit(BenchData.identityId(data.owner()[i]), "", "", scores[i], Map.of()));
            }
        }
        return best.result().stream().map(SearchHit::identityId).toList();
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** VmRSS of this process (Linux); -1 where /proc is not there. */
    private static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long folderMb(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
