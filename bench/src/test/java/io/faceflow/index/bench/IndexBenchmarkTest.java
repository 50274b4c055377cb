package io.faceflow.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.Vectors;
import io.faceflow.index.milvus.MilvusOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run of the benchmark, so the CLI's code path is exercised by the build. */
class IndexBenchmarkTest {
    @Test
    void smallEmbeddedRunMeasuresEverything() {
        BenchResult r = IndexBenchmark.run(new BenchConfig("embedded", 2000, 64, BenchConfig.DataMode.ISOTROPIC, null, 5, 50, 10, 1, null, List.of(), BenchConfig.Build.DEFAULTS,
                MilvusOptions.Consistency.BOUNDED, null), new PrintStream(OutputStream.nullOutputStream())).get(0);
        assertEquals(2000, r.size());
        assertEquals(400, r.identities());
        assertEquals(1.0, r.recallAt10(), 1e-9, "exact scan must agree with exact search");
        assertTrue(r.p50Millis() > 0 && r.p99Millis() >= r.p50Millis() && r.insertPerSecond() > 0, r.format());
    }

    @Test
    void smallFaceShapedRunScoresEnrolledProbesAndExportsItsData(@TempDir Path dir) throws Exception {
        FaceShapedDataTest.shape().save(dir.resolve("shape"));
        BenchConfig config = new BenchConfig("embedded", 3000, FaceShapedDataTest.DIM, BenchConfig.DataMode.FACE_SHAPED,
                dir.resolve("shape"), 1, 40, 10, 5, null, List.of(), BenchConfig.Build.DEFAULTS,
                MilvusOptions.Consistency.BOUNDED, dir.resolve("export"));
        BenchResult r = IndexBenchmark.run(config, new PrintStream(OutputStream.nullOutputStream())).get(0);
        assertEquals("face-shaped", r.data());
        assertEquals(1.0, r.recallAt10(), 1e-9, "exact scan must agree with exact search");
        assertTrue(r.indexMb() >= 0 && r.rssMb() > 0, r.format());
        // The exported data, searched here by brute force, gives the same rank-1 accuracy.
        float[][] gallery = Npy.readMatrix(dir.resolve("export").resolve(BenchData.GALLERY));
        int[] owner = Npy.readInts(dir.resolve("export").resolve(BenchData.GALLERY_IDENTITY));
        float[][] queries = Npy.readMatrix(dir.resolve("export").resolve(BenchData.QUERIES));
        int[] truth = Npy.readInts(dir.resolve("export").resolve(BenchData.QUERY_IDENTITY));
        assertEquals(3000, gallery.length);
        assertEquals(40 + IndexBenchmark.WARMUP, queries.length);
        int enrolled = 0;
        int right = 0;
        for (int q = IndexBenchmark.WARMUP; q < queries.length; q++) {
            if (truth[q] == BenchData.STRANGER) {
                continue;
            }
            int best = 0;
            for (int i = 1; i < gallery.length; i++) {
                if (Vectors.dot(queries[q], gallery[i]) > Vectors.dot(queries[q], gallery[best])) {
                    best = i;
                }
            }
            enrolled++;
            right += owner[best] == truth[q] ? 1 : 0;
        }
        assertEquals(20, enrolled, "every other probe is enrolled");
        assertEquals((double) right / enrolled, r.rank1Accuracy(), 1e-9, r.format());
    }

    @Test
    void aKeptIndexIsMeasuredAgainWithoutRebuildingOnlyForTheSameData(@TempDir Path dir) {
        FaceShapedDataTest.shape().save(dir.resolve("shape"));
        String uri = "file:" + dir.resolve("index");
        java.util.function.LongFunction<BenchConfig> withSeed = seed -> new BenchConfig("embedded", 500,
                FaceShapedDataTest.DIM, BenchConfig.DataMode.FACE_SHAPED, dir.resolve("shape"), 1, 20, 10, seed, uri,
                List.of(), BenchConfig.Build.DEFAULTS, MilvusOptions.Consistency.BOUNDED, null);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        BenchResult first = IndexBenchmark.run(withSeed.apply(1), quiet).get(0);
        BenchResult again = IndexBenchmark.run(withSeed.apply(1), quiet).get(0);
        assertFalse(first.notes().contains("reused"), first.notes());
        assertTrue(again.notes().contains("index reused from an earlier run"), again.notes());
        assertEquals(first.insertSeconds(), again.insertSeconds(), 1e-9);
        assertEquals(first.recallAt10(), again.recallAt10(), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexBenchmark.run(withSeed.apply(2), quiet));
        assertTrue(e.getMessage().contains("other data or settings"), e.getMessage());
    }

    @Test
    void aShapeOfAnotherDimensionIsRefused(@TempDir Path dir) {
        FaceShapedDataTest.shape().save(dir);
        BenchConfig config = new BenchConfig("embedded", 1000, 512, BenchConfig.DataMode.FACE_SHAPED, dir, 1, 20, 10, 5,
                null, List.of(), BenchConfig.Build.DEFAULTS, MilvusOptions.Consistency.BOUNDED, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexBenchmark.run(config, new PrintStream(OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().contains("dim " + FaceShapedDataTest.DIM), e.getMessage());
    }

    @Test
    void badSettingsSayWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchConfig.isotropic("faiss", 1000, 512, null));
        assertTrue(e.getMessage().contains("embedded or milvus"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.isotropic("milvus", 1000, 512, null));
    }
}
