package io.faceflow.index.bench;

import java.util.Locale;

/**
 * Measured figures of one benchmark run. recallAt10: share of the exact top-10 identities found;
 * rank1Agreement: share of queries whose best identity equals the exact best (what identification uses).
 */
public record BenchResult(String backend, int size, int dim, int identities, double insertPerSecond,
                          double p50Millis, double p99Millis, double recallAt10, double rank1Agreement, int queries, String notes) {

    public String format() {
        return String.format(Locale.ROOT, "backend=%s size=%d dim=%d identities=%d insert=%.0f templates/s"
                        + " search p50=%.2f ms p99=%.2f ms (top-10, %d queries) recall@10=%.4f rank-1 agreement=%.4f%s",
                backend, size, dim, identities, insertPerSecond, p50Millis, p99Millis, queries, recallAt10, rank1Agreement,
                notes.isEmpty() ? "" : " (" + notes + ")");
    }
}
