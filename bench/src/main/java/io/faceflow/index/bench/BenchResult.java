package io.faceflow.index.bench;

import java.util.Locale;

/**
 * Measured figures of one benchmark run at one search beam. recallAt10: share of the exact top-10
 * identities found; rank1Agreement: share of queries whose best identity equals the exact best;
 * rank1Accuracy: share of enrolled probes whose best identity is the right person (NaN when every
 * probe is a stranger). Memory: the benchmark process's resident set (it holds its own copy of the
 * vectors, {@code rawMb}) and the index folder on disk (embedded; -1 for Milvus, whose memory is the
 * server's).
 */
public record BenchResult(String backend, String data, int size, int dim, int identities, int beam,
                          double insertPerSecond, double insertSeconds, double finishSeconds, double p50Millis,
                          double p99Millis, double recallAt10, double rank1Agreement, double rank1Accuracy, int queries,
                          long rssMb, long indexMb, long rawMb, String notes) {

    /** One line of key=value fields (bench/compare_index.py reads them), then the notes in parentheses. */
    public String format() {
        return String.format(Locale.ROOT, "backend=%s data=%s size=%d dim=%d identities=%d beam=%d recall@10=%.4f"
                        + " rank1_agreement=%.4f rank1_accuracy=%.4f p50_ms=%.2f p99_ms=%.2f queries=%d"
                        + " insert_per_s=%.0f insert_s=%.1f finish_s=%.1f rss_mb=%d index_mb=%d raw_mb=%d%s",
                backend, data, size, dim, identities, beam, recallAt10, rank1Agreement, rank1Accuracy, p50Millis,
                p99Millis, queries, insertPerSecond, insertSeconds, finishSeconds, rssMb, indexMb, rawMb,
                notes.isEmpty() ? "" : " (" + notes + ")");
    }
}
