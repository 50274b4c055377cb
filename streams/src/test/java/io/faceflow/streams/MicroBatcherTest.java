package io.faceflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.streams.batch.BatchPolicy;
import io.faceflow.streams.batch.MicroBatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {
    @Test
    void callersOnManyThreadsShareBatchesAndEachGetsItsOwnResultsInOrder() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (MicroBatcher<Integer, Integer> doubler = new MicroBatcher<>("test", in -> in.stream().map(i -> 2 * i)
                .toList(), new BatchPolicy(64, Duration.ofMillis(200), 0), sizes::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 100;
                results.add(pool.submit(() -> {
                    go.await();
                    return doubler.submit(List.of(base, base + 1, base + 2));
                }));
            }
            go.countDown();
            for (int t = 0; t < 8; t++) {
                assertEquals(List.of(t * 200, t * 200 + 2, t * 200 + 4), results.get(t).get());
            }
            pool.shutdown();
            assertEquals(24, sizes.stream().mapToInt(Integer::intValue).sum());
            assertTrue(sizes.size() < 8, "requests were combined: " + sizes);
        }
    }

    @Test
    void aLoneCallerWaitsNoLongerThanTheMaximumWait() {
        try (MicroBatcher<Integer, Integer> same = new MicroBatcher<>("test", in -> in,
                new BatchPolicy(1000, Duration.ofMillis(20), 0), n -> {})) {
            long start = System.nanoTime();
            assertEquals(List.of(7), same.submit(List.of(7)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
        }
    }

    @Test
    void aFailedBatchFailsItsCallersAndTheNextBatchRuns() {
        try (MicroBatcher<Integer, Integer> picky = new MicroBatcher<>("test", in -> {
            if (in.contains(-1)) {
                throw new IllegalArgumentException("negative");
            }
            return in;
        }, new BatchPolicy(4, Duration.ZERO, 0), n -> {})) {
            assertThrows(IllegalArgumentException.class, () -> picky.submit(List.of(-1)));
            assertEquals(List.of(3), picky.submit(List.of(3)));
        }
    }

    @Test
    void aBatchRunsWithoutWaitingOnceEveryCallerIsInIt() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (MicroBatcher<Integer, Integer> same = new MicroBatcher<>("test", in -> in,
                new BatchPolicy(1000, Duration.ofSeconds(30), 1), sizes::add)) {
            long start = System.nanoTime();
            assertEquals(List.of(5), same.submit(List.of(5)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(),
                    "the only caller's batch ran at once, not after the 30 s wait");
        }
        try (MicroBatcher<Integer, Integer> pair = new MicroBatcher<>("test", in -> in,
                new BatchPolicy(1000, Duration.ofSeconds(30), 2), sizes::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            long start = System.nanoTime();
            Future<List<Integer>> a = pool.submit(() -> pair.submit(List.of(1)));
            Future<List<Integer>> b = pool.submit(() -> pair.submit(List.of(2, 3)));
            assertEquals(List.of(1), a.get());
            assertEquals(List.of(2, 3), b.get());
            pool.shutdown();
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(),
                    "both callers were in, so the batch did not wait 30 s");
        }
        assertEquals(List.of(1, 3), sizes, "one batch for the lone caller, one for the pair together");
    }
}
