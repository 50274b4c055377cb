package io.faceflow.index.milvus;

import java.time.Duration;

/**
 * How faceflow uses a Milvus server.
 *
 * @param collectionPrefix prefix of every collection and alias name, so several deployments (or tests) can share a server
 * @param consistency read consistency: STRONG sees every finished write (enrol then search at once);
 *     BOUNDED or EVENTUALLY trade a few seconds of staleness for throughput
 * @param indexKind HNSW (default; best recall per millisecond), IVF_FLAT (less memory to build) or IVF_SQ8
 *     (IVF over 8-bit codes: a quarter of the vector memory)
 * @param hnswM graph degree; hnswEfConstruction build beam; hnswEf search beam
 * @param ivfNlist clusters of IVF_FLAT; ivfNprobe clusters searched per query
 * @param insertBatch rows per insert call (keeps gRPC messages well below their 64 MB limit)
 * @param overfetch templates fetched per wanted identity, see {@code BestPerIdentity}
 * @param maxAttempts tries per call on transient errors (unavailable, timeout, rate limit)
 * @param initialBackoff first wait between tries, doubled each time up to maxBackoff
 * @param rpcDeadline deadline of one call
 */
public record MilvusOptions(String collectionPrefix, Consistency consistency, IndexKind indexKind, int hnswM,
                            int hnswEfConstruction, int hnswEf, int ivfNlist, int ivfNprobe, int insertBatch,
                            int overfetch, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                            Duration rpcDeadline) {

    public enum Consistency { STRONG, SESSION, BOUNDED, EVENTUALLY }

    public enum IndexKind {
        HNSW, IVF_FLAT, IVF_SQ8;

        /** IVF kinds search {@code nprobe} clusters instead of a graph beam. */
        public boolean isIvf() {
            return this != HNSW;
        }
    }

    public MilvusOptions {
        if (collectionPrefix == null || !collectionPrefix.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("collection prefix '" + collectionPrefix + "' is not a valid Milvus"
                    + " name start: use letters, digits and _ (first not a digit)");
        }
        if (hnswM < 2 || hnswEfConstruction < 1 || hnswEf < 1 || ivfNlist < 1 || ivfNprobe < 1 || insertBatch < 1
                || overfetch < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("Milvus options out of range: " + "M=" + hnswM + " efConstruction="
                    + hnswEfConstruction + " ef=" + hnswEf + " nlist=" + ivfNlist + " nprobe=" + ivfNprobe
                    + " insertBatch=" + insertBatch + " overfetch=" + overfetch + " maxAttempts=" + maxAttempts);
        }
    }

    public static MilvusOptions defaults() {
        return new MilvusOptions("faceflow_", Consistency.STRONG, IndexKind.HNSW, 32, 256, 200, 1024, 32, 1000, 5, 5,
                Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public MilvusOptions withCollectionPrefix(String prefix) {
        return new MilvusOptions(prefix, consistency, indexKind, hnswM, hnswEfConstruction, hnswEf, ivfNlist, ivfNprobe,
                insertBatch, overfetch, maxAttempts, initialBackoff, maxBackoff, rpcDeadline);
    }

    public MilvusOptions withIndexKind(IndexKind kind) {
        return new MilvusOptions(collectionPrefix, consistency, kind, hnswM, hnswEfConstruction, hnswEf, ivfNlist,
                ivfNprobe, insertBatch, overfetch, maxAttempts, initialBackoff, maxBackoff, rpcDeadline);
    }

    public MilvusOptions withHnsw(int m, int efConstruction) {
        return new MilvusOptions(collectionPrefix, consistency, indexKind, m, efConstruction, hnswEf, ivfNlist, ivfNprobe,
                insertBatch, overfetch, maxAttempts, initialBackoff, maxBackoff, rpcDeadline);
    }

    public MilvusOptions withConsistency(Consistency level) {
        return new MilvusOptions(collectionPrefix, level, indexKind, hnswM, hnswEfConstruction, hnswEf, ivfNlist,
                ivfNprobe, insertBatch, overfetch, maxAttempts, initialBackoff, maxBackoff, rpcDeadline);
    }

    /**
     * Calls that give up after {@code attempts} tries of at most {@code deadline} each: for a caller
     * with retries of its own (the stream processor), which must hear of an outage in seconds. The
     * SDK waits for the server to be reachable until the deadline, so the default minute would hold
     * a frame, and hide the outage, for a minute per call.
     */
    public MilvusOptions withCallBudget(int attempts, Duration deadline) {
        return new MilvusOptions(collectionPrefix, consistency, indexKind, hnswM, hnswEfConstruction, hnswEf, ivfNlist,
                ivfNprobe, insertBatch, overfetch, attempts, initialBackoff, maxBackoff, deadline);
    }
}
