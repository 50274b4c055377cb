package io.faceflow.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CpuSharesTest {

    @Test
    void threadsAreGroupedByTheirJob() {
        assertEquals("stream threads", CpuShares.job("faceflow-demo-1-StreamThread-1"));
        assertEquals("embedding", CpuShares.job("faceflow-inference-mobilefacenet-fr_feature-1"));
        assertEquals("index merges", CpuShares.job("Lucene Merge Thread #3"));
        assertEquals("kafka client I/O", CpuShares.job("kafka-producer-network-thread | producer-1"));
        assertEquals("other threads", CpuShares.job("main"));
    }

    @Test
    void aBusyThreadsCpuIsCountedUnderItsJob() throws Exception {
        CpuShares.Snapshot before = CpuShares.take(-1, null);
        Thread busy = Thread.ofPlatform().name("faceflow-inference-test").start(() -> {
            long end = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            if (x < 0) {
                throw new AssertionError();
            }
        });
        // Read while the thread lives: a finished thread's CPU time is gone with it.
        Thread.sleep(250);
        CpuShares.Snapshot after = CpuShares.take(-1, null);
        busy.join();
        String line = CpuShares.between(before, after);
        Matcher m = Pattern.compile("embedding ([0-9.]+) \\(").matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Double.parseDouble(m.group(1)) >= 0.05, line);
    }
}
