package io.faceflow.index.embedded;

/**
 * Tuning of the embedded (Lucene) index.
 *
 * @param exactScanThreshold below this many vectors every search is an exact scan (recall 1.0, still fast)
 * @param hnswM HNSW graph degree (Lucene's maxConn)
 * @param hnswBeamWidth candidates considered while building the graph (efConstruction)
 * @param efSearch candidates gathered per query on the graph; raises recall at some latency
 * @param overfetch templates fetched per wanted identity, so that identities with several close
 *     templates do not crowd others out of the top-k
 */
public record EmbeddedOptions(int exactScanThreshold, int hnswM, int hnswBeamWidth, int efSearch, int overfetch) {
    public EmbeddedOptions {
        if (exactScanThreshold < 0 || hnswM < 2 || hnswBeamWidth < 2 || efSearch < 1 || overfetch < 1) {
            throw new IllegalArgumentException("embedded index options out of range: " + exactScanThreshold + ", M="
                    + hnswM + ", beam=" + hnswBeamWidth + ", ef=" + efSearch + ", overfetch=" + overfetch);
        }
    }

    public static EmbeddedOptions defaults() {
        return new EmbeddedOptions(10_000, 32, 200, 400, 5);
    }

    public EmbeddedOptions withEfSearch(int ef) {
        return new EmbeddedOptions(exactScanThreshold, hnswM, hnswBeamWidth, ef, overfetch);
    }

    public EmbeddedOptions withGraph(int m, int beamWidth) {
        return new EmbeddedOptions(exactScanThreshold, m, beamWidth, efSearch, overfetch);
    }

    public EmbeddedOptions withExactScanThreshold(int threshold) {
        return new EmbeddedOptions(threshold, hnswM, hnswBeamWidth, efSearch, overfetch);
    }
}
