package io.faceflow.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.milvus.MilvusOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of the benchmark, so the CLI's code path is exercised by the build. */
class IndexBenchmarkTest {
    @Test
    void smallEmbeddedRunMeasuresEverything() {
        BenchResult r = IndexBenchmark.run(new BenchConfig("embedded", 2000, 64, 5, 50, 10, 1, null, List.of(),
                MilvusOptions.Consistency.BOUNDED), new PrintStream(OutputStream.nullOutputStream())).get(0);
        assertEquals(2000, r.size());
        assertEquals(400, r.identities());
        assertEquals(1.0, r.recallAt10(), 1e-9, "exact scan must agree with exact search");
        assertTrue(r.p50Millis() > 0 && r.p99Millis() >= r.p50Millis() && r.insertPerSecond() > 0, r.format());
    }

    @Test
    void badSettingsSayWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchConfig.of("faiss", 1000, 512, null));
        assertTrue(e.getMessage().contains("embedded or milvus"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.of("milvus", 1000, 512, null));
    }
}
