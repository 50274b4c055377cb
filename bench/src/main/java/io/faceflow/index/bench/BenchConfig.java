package io.faceflow.index.bench;

import io.faceflow.index.milvus.MilvusOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark run.
 *
 * @param backend "embedded" or "milvus"
 * @param size number of templates (vectors) in the gallery
 * @param data FACE_SHAPED (drawn from the fitted shape of real embeddings, 1-3 templates per person)
 *     or ISOTROPIC (random directions, {@code templatesPerIdentity} each; the worst case for a graph)
 * @param faceShape folder of the fitted {@link FaceShape} (face-shaped data only)
 * @param templatesPerIdentity faces per person of the isotropic data
 * @param queries timed single-face searches (also the recall sample)
 * @param indexUri where to build it: file:PATH (null: a temporary folder, removed afterwards) or milvus://host:port
 * @param searchBeams graph candidates per query to measure, one result each (empty: the backend's default)
 * @param build graph and index-type settings of the gallery
 * @param consistency Milvus read consistency of the timed searches; BOUNDED is what a stream processor
 *     uses (STRONG waits for the server's next time tick, up to 200 ms, on every search)
 * @param export folder to write the generated data to as .npy files (null: none)
 */
public record BenchConfig(String backend, int size, int dim, DataMode data, Path faceShape, int templatesPerIdentity,
                          int queries, int topK, long seed, String indexUri, List<Integer> searchBeams, Build build,
                          MilvusOptions.Consistency consistency, Path export) {

    public enum DataMode { FACE_SHAPED, ISOTROPIC }

    /**
     * @param hnswM graph degree (null: the backend's default)
     * @param efConstruction build beam (null: the backend's default)
     * @param milvusIndex Milvus index type (null: the default, HNSW)
     */
    public record Build(Integer hnswM, Integer efConstruction, MilvusOptions.IndexKind milvusIndex) {
        public static final Build DEFAULTS = new Build(null, null, null);

        public Build {
            if ((hnswM != null && hnswM < 2) || (efConstruction != null && efConstruction < 1)) {
                throw new IllegalArgumentException("graph settings out of range: M >= 2, efConstruction >= 1 (got M="
                        + hnswM + " efConstruction=" + efConstruction + ")");
            }
        }
    }

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
        if (data == DataMode.FACE_SHAPED && faceShape == null) {
            throw new IllegalArgumentException("face-shaped data needs the folder of a fitted face shape (--face-shape)");
        }
        if (backend.equals("milvus") && (indexUri == null || !indexUri.startsWith("milvus://"))) {
            throw new IllegalArgumentException("the milvus backend needs --uri milvus://host:port (or MILVUS_URI)");
        }
        if (backend.equals("embedded") && indexUri != null && !indexUri.startsWith("file:")) {
            throw new IllegalArgumentException("the embedded backend needs a file:PATH uri, not " + indexUri);
        }
    }

    /** Isotropic data, 5 templates per person, 500 queries, the backend's defaults. */
    public static BenchConfig isotropic(String backend, int size, int dim, String indexUri) {
        return new BenchConfig(backend, size, dim, DataMode.ISOTROPIC, null, 5, 500, 10, 42, indexUri, List.of(),
                Build.DEFAULTS, MilvusOptions.Consistency.BOUNDED, null);
    }

    Path embeddedDir() {
        return indexUri == null ? null : Path.of(indexUri.substring("file:".length()));
    }
}
