package io.faceflow.bench;

import io.faceflow.index.bench.BenchConfig;
import io.faceflow.index.bench.BenchResult;
import io.faceflow.index.bench.IndexBenchmark;
import io.faceflow.index.milvus.MilvusOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faceflow bench index}: insert rate, search latency and recall of an index backend. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Benchmark an index backend on face-shaped vectors (drawn from the fitted shape of real"
                + " embeddings, see bench face-shape) or isotropic ones: insert rate, search p50/p99 at top-10,"
                + " recall@10 against exact search, rank-1 accuracy, memory.")
public final class BenchIndexCommand implements Callable<Integer> {

    @Option(names = "--backend", required = true, description = "embedded or milvus")
    String backend;

    @Option(names = "--size", defaultValue = "100000", description = "templates in the gallery (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--dim", defaultValue = "512", description = "embedding size (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--data", defaultValue = "FACE_SHAPED", description = "${COMPLETION-CANDIDATES} (default"
            + " ${DEFAULT-VALUE}: 1-3 faces per person drawn from --face-shape; ISOTROPIC: random directions, the"
            + " worst case for a graph)", converter = DataModeConverter.class)
    BenchConfig.DataMode data;

    @Option(names = "--face-shape", defaultValue = ".cache/bench/face-shape", paramLabel = "DIR", description =
            "fitted face shape (default ${DEFAULT-VALUE}; made by bench/fit_face_shape.sh)")
    Path faceShape;

    @Option(names = "--templates-per-identity", defaultValue = "5", description = "faces per person of the isotropic"
            + " data (default ${DEFAULT-VALUE})")
    int templatesPerIdentity;

    @Option(names = "--seed", defaultValue = "42", description = "data seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--export", paramLabel = "DIR", description = "also write the gallery and probes as .npy files"
            + " (for bench/hnswlib_reference.py)")
    Path export;

    @Option(names = "--hnsw-m", description = "graph degree (default: the backend's, 32)")
    Integer hnswM;

    @Option(names = "--ef-construction", description = "graph build beam (default: the backend's, 200 embedded,"
            + " 256 Milvus)")
    Integer efConstruction;

    @Option(names = "--milvus-index", description = "Milvus index type: ${COMPLETION-CANDIDATES} (default HNSW);"
            + " --beam is then nprobe for the IVF kinds")
    MilvusOptions.IndexKind milvusIndex;

    @Option(names = "--queries", defaultValue = "500", description = "timed searches (default ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--beam", split = ",", paramLabel = "N[,N...]", description = "graph candidates per query"
            + " (HNSW ef) to measure, one result line each, on the same built gallery (default: the backend's setting)")
    List<Integer> beams = List.of();

    @Option(names = "--consistency", defaultValue = "BOUNDED", description = "Milvus read consistency of the timed"
            + " searches: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}, what the stream processor uses)")
    MilvusOptions.Consistency consistency;

    @Option(names = "--uri", description = "milvus://host:port for milvus (default: MILVUS_URI, else"
            + " milvus://127.0.0.1:19530); file:PATH for embedded (default: a temporary folder)")
    String uri;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String target = uri;
        if (target == null && "milvus".equals(backend)) {
            String env = System.getenv("MILVUS_URI");
            target = env != null && !env.isBlank() ? env : "milvus://127.0.0.1:19530";
        }
        BenchConfig config;
        try {
            config = new BenchConfig(backend, size, dim, data, faceShape, templatesPerIdentity, queries, 10, seed,
                    target, beams, new BenchConfig.Build(hnswM, efConstruction, milvusIndex), consistency, export);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("bench index: " + e.getMessage());
            return 2;
        }
        try {
            // Progress goes to stderr, the figures to stdout.
            for (BenchResult result : IndexBenchmark.run(config, System.err)) {
                spec.commandLine().getOut().println(result.format());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("bench index: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("bench index failed: " + e.getMessage());
            return 1;
        }
    }

    /** Accepts face-shaped / FACE_SHAPED / isotropic alike. */
    static final class DataModeConverter implements ITypeConverter<BenchConfig.DataMode> {
        @Override
        public BenchConfig.DataMode convert(String value) {
            return BenchConfig.DataMode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
