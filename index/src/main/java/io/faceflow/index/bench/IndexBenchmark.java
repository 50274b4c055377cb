package io.faceflow.index.bench;

import io.faceflow.index.BestPerIdentity;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.Identity;
import io.faceflow.index.IndexUri;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.Template;
import io.faceflow.index.Vectors;
import io.faceflow.index.embedded.EmbeddedCatalog;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.milvus.MilvusCatalog;
import io.faceflow.index.milvus.MilvusConnection;
import io.faceflow.index.milvus.MilvusOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * {@code faceflow bench index}: insert rate, single-face search latency (p50/p99 at top-10) and
 * recall@10 against an exact scan, on face-like clustered vectors.
 */
public final class IndexBenchmark {
    private static final String MODEL = "bench-model";
    private static final int INSERT_BATCH_TEMPLATES = 20_000;
    private static final int WARMUP = 50;

    private IndexBenchmark() {}

    /** Builds the gallery once, then measures search at each of the configured beams (one result each). */
    public static List<BenchResult> run(BenchConfig config, PrintStream progress) {
        FaceLikeData data = new FaceLikeData(config.seed(), config.dim());
        int people = Math.max(1, config.size() / config.templatesPerIdentity());
        float[][] centres = new float[people][];
        List<Identity> gallery = new ArrayList<>(people);
        float[][] vectors = new float[people * config.templatesPerIdentity()][];
        String[] owner = new String[vectors.length];
        int k = 0;
        for (int p = 0; p < people; p++) {
            centres[p] = data.centre();
            List<Template> faces = new ArrayList<>();
            for (int t = 0; t < config.templatesPerIdentity(); t++) {
                float[] v = data.face(centres[p]);
                faces.add(new Template("t" + t, v));
                vectors[k] = v;
                owner[k++] = "p" + p;
            }
            gallery.add(new Identity("p" + p, "Person " + p, Map.of(), faces));
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < config.queries() + WARMUP; q++) {
            queries.add(data.face(centres[data.nextInt(people)]));
        }
        progress.printf("generated %d identities / %d templates of dim %d%n", people, vectors.length, config.dim());

        Path tempDir = null;
        GalleryCatalog catalog;
        String notes;
        int defaultBeam;
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
            catalog = new EmbeddedCatalog(dir, options);
            defaultBeam = options.efSearch();
            notes = vectors.length > options.exactScanThreshold()
                    ? "HNSW M=" + options.hnswM() + " efConstruction=" + options.hnswBeamWidth()
                    : "exact scan below " + options.exactScanThreshold() + " templates";
        } else {
            MilvusOptions options = MilvusOptions.defaults()
                    .withCollectionPrefix("bench_" + ProcessHandle.current().pid() + "_")
                    .withConsistency(config.consistency());
            defaultBeam = options.hnswEf();
            catalog = new MilvusCatalog(MilvusConnection.fromEnvironment((IndexUri.Milvus) IndexUri.parse(config.indexUri()),
                    options));
            notes = "HNSW M=" + options.hnswM() + " efConstruction=" + options.hnswEfConstruction() + ", consistency "
                    + options.consistency();
        }
        try {
            FaceIndex index = catalog.open(MODEL, config.dim());
            long start = System.nanoTime();
            int perBatch = Math.max(1, INSERT_BATCH_TEMPLATES / config.templatesPerIdentity());
            for (int from = 0; from < gallery.size(); from += perBatch) {
                index.upsert(gallery.subList(from, Math.min(gallery.size(), from + perBatch)));
                progress.printf("inserted %d / %d identities%n", Math.min(gallery.size(), from + perBatch),
                        gallery.size());
            }
            double insertSeconds = (System.nanoTime() - start) / 1e9;
            progress.printf("inserted %d templates in %.1f s%n", vectors.length, insertSeconds);
            long settle = System.nanoTime();
            index.finishBulkLoad();
            notes += String.format(Locale.ROOT, ", bulk load finished (merge / flush + index build) in %.1f s",
                    (System.nanoTime() - settle) / 1e9);

            List<Integer> beams = config.searchBeams().isEmpty() ? List.of(defaultBeam) : config.searchBeams();
            List<BenchResult> results = new ArrayList<>();
            for (int beam : beams) {
                results.add(measure(config, index.withSearchBeam(beam), queries, vectors, owner, progress,
                        new Built(people, vectors.length / insertSeconds, notes + ", search beam " + beam)));
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

    private record Built(int identities, double insertPerSecond, String notes) {}

    private static BenchResult measure(BenchConfig config, FaceIndex index, List<float[]> queries, float[][] vectors,
                                       String[] owner, PrintStream progress, Built built) {
        List<List<SearchHit>> found = new ArrayList<>();
        double[] millis = new double[config.queries()];
        for (int q = 0; q < queries.size(); q++) {
            long t0 = System.nanoTime();
            List<SearchHit> hits = index.search(new SearchRequest(MODEL, List.of(queries.get(q)), config.topK())).get(0);
            long t1 = System.nanoTime();
            if (q >= WARMUP) {
                millis[q - WARMUP] = (t1 - t0) / 1e6;
                found.add(hits);
            }
        }
        Arrays.sort(millis);
        progress.println("computing exact neighbours for recall (" + built.notes() + ")");
        double[][] perQuery = IntStream.range(0, config.queries()).parallel().mapToObj(q -> {
            List<String> exact = exactTop(vectors, owner, queries.get(q + WARMUP), config.topK());
            Set<String> exactSet = new HashSet<>(exact);
            long hit = found.get(q).stream().filter(h -> exactSet.contains(h.identityId())).count();
            boolean rank1 = !found.get(q).isEmpty() && found.get(q).get(0).identityId().equals(exact.get(0));
            return new double[] {(double) hit / exact.size(), rank1 ? 1 : 0};
        }).toArray(double[][]::new);
        double recall = Arrays.stream(perQuery).mapToDouble(r -> r[0]).average().orElse(0);
        double rank1 = Arrays.stream(perQuery).mapToDouble(r -> r[1]).average().orElse(0);
        return new BenchResult(config.backend(), vectors.length, config.dim(), built.identities(),
                built.insertPerSecond(), percentile(millis, 0.50), percentile(millis, 0.99), recall, rank1,
                config.queries(), built.notes());
    }

    /** Identity-level exact answer, scored the way the index scores (best template per identity). */
    private static List<String> exactTop(float[][] vectors, String[] owner, float[] query, int topK) {
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
                best.offer(new SearchHit(owner[i], "", "", scores[i], Map.of()));
            }
        }
        return best.result().stream().map(SearchHit::identityId).toList();
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
