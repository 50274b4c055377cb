package io.faceflow.app.command;

import io.faceflow.index.bench.BenchConfig;
import io.faceflow.index.bench.BenchResult;
import io.faceflow.index.bench.IndexBenchmark;
import io.faceflow.index.milvus.MilvusOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faceflow bench index}: insert rate, search latency and recall of an index backend. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Benchmark an index backend on face-like vectors: insert rate, search p50/p99 at top-10,"
                + " recall@10 against exact search.")
public final class BenchIndexCommand implements Callable<Integer> {

    @Option(names = "--backend", required = true, description = "embedded or milvus")
    String backend;

    @Option(names = "--size", defaultValue = "100000", description = "templates in the gallery (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--dim", defaultValue = "512", description = "embedding size (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--templates-per-identity", defaultValue = "5", description = "faces per person (default ${DEFAULT-VALUE})")
    int templatesPerIdentity;

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
            config = new BenchConfig(backend, size, dim, templatesPerIdentity, queries, 10, 42, target, beams,
                    consistency);
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
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("bench index failed: " + e.getMessage());
            return 1;
        }
    }
}
