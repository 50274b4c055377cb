package io.faceflow.index.bench;

import io.faceflow.index.milvus.MilvusOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark run.
 *
 * @param backend "embedded" or "milvus"
 * @param size number of templates (vectors) in the gallery
 * @param templatesPerIdentity faces per person, spread around the person's centre
 * @param queries timed single-face searches (also the recall sample)
 * @param indexUri where to build it: file:PATH (null: a temporary folder, removed afterwards) or milvus://host:port
 * @param searchBeams graph candidates per query to measure, one result each (empty: the backend's default)
 * @param consistency Milvus read consistency of the timed searches; BOUNDED is what a stream processor
 *     uses (STRONG waits for the server's next time tick, up to 200 ms, on every search)
 */
public record BenchConfig(String backend, int size, int dim, int templatesPerIdentity, int queries, int topK,
                          long seed, String indexUri, List<Integer> searchBeams, MilvusOptions.Consistency consistency) {
    public BenchConfig {
        searchBeams = List.copyOf(searchBeams);
        if (searchBeams.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("search beams must be at least 1, got " + searchBeams);
        }
        if (!backend.equals("embedded") && !backend.equals("milvus")) {
            throw new IllegalArgumentException("backend '" + backend + "' is unknown: use embedded or milvus");
        }
        if (size < 100 || dim < 8 || dim > 1024 || templatesPerIdentity < 1 || queries < 10 || topK < 1) {
            throw new IllegalArgumentException("bench settings out of range: size >= 100, dim 8..1024, templates"
                    + " per identity >= 1, queries >= 10, topK >= 1 (got size=" + size + " dim=" + dim + " templates="
                    + templatesPerIdentity + " queries=" + queries + " topK=" + topK + ")");
        }
        if (backend.equals("milvus") && (indexUri == null || !indexUri.startsWith("milvus://"))) {
            throw new IllegalArgumentException("the milvus backend needs --uri milvus://host:port (or MILVUS_URI)");
        }
        if (backend.equals("embedded") && indexUri != null && !indexUri.startsWith("file:")) {
            throw new IllegalArgumentException("the embedded backend needs a file:PATH uri, not " + indexUri);
        }
    }

    public static BenchConfig of(String backend, int size, int dim, String indexUri) {
        return new BenchConfig(backend, size, dim, 5, 500, 10, 42, indexUri, List.of(),
                MilvusOptions.Consistency.BOUNDED);
    }

    Path embeddedDir() {
        return indexUri == null ? null : Path.of(indexUri.substring("file:".length()));
    }
}
