package io.faceflow.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.FaceIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveModelTest {
    @TempDir
    Path dir;
    GalleryCatalog catalog;

    @BeforeEach
    void open() {
        catalog = GalleryCatalogs.open("file:" + dir);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private ModelGeneration generation(String version, AtomicInteger closes) {
        FaceIndex gallery = catalog.open(version, 4);
        return new ModelGeneration(new SeededEmbedder(version, 4), gallery, new DecisionThreshold(0.5, "test"),
                closes::incrementAndGet);
    }

    @Test
    void theOldGenerationClosesOnlyAfterItsLastLease() {
        AtomicInteger closedA = new AtomicInteger();
        AtomicInteger closedB = new AtomicInteger();
        LiveModel live = new LiveModel(generation("a", closedA));
        LiveModel.Lease inFlight = live.acquire();
        assertEquals("a", live.switchTo(generation("b", closedB)));
        assertEquals("b", live.version());
        assertEquals(0, closedA.get(), "a batch still runs on a");
        assertEquals("a", inFlight.generation().version(), "the batch keeps its generation to the end");
        try (LiveModel.Lease next = live.acquire()) {
            assertEquals("b", next.generation().version());
        }
        inFlight.close();
        inFlight.close();
        assertEquals(1, closedA.get(), "closed once, after the last lease");
        live.close();
        live.close();
        assertEquals(1, closedB.get());
    }

    @Test
    void aGenerationRefusesAGalleryOfAnotherVersion() {
        FaceIndex gallery = catalog.open("v1", 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ModelGeneration(new SeededEmbedder("v2", 4), gallery, new DecisionThreshold(0.4, "t"), null));
        assertTrue(e.getMessage().contains("never compared"), e.getMessage());
    }

    @Test
    void underConcurrentSwitchesEveryLeaseSeesOneLiveGenerationAndEachClosesOnceAfterItsUsers() throws Exception {
        int generations = 30;
        Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> users = new ConcurrentHashMap<>();
        List<ModelGeneration> made = new ArrayList<>();
        for (int i = 0; i < generations; i++) {
            String v = "v" + i;
            closes.put(v, new AtomicInteger());
            users.put(v, new AtomicInteger());
            AtomicInteger c = closes.get(v);
            AtomicInteger u = users.get(v);
            made.add(new ModelGeneration(new SeededEmbedder(v, 4), catalog.open(v, 4), new DecisionThreshold(0.5, "t"),
                    () -> {
                        assertEquals(0, u.get(), "closed while in use");
                        c.incrementAndGet();
                    }));
        }
        LiveModel live = new LiveModel(made.get(0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean closedInUse = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch started = new CountDownLatch(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                started.countDown();
                while (!stop.get()) {
                    try (LiveModel.Lease lease = live.acquire()) {
                        String v = lease.generation().version();
                        users.get(v).incrementAndGet();
                        if (closes.get(v).get() > 0) {
                            closedInUse.set(true);
                        }
                        Thread.onSpinWait();
                        users.get(v).decrementAndGet();
                    }
                }
            }));
        }
        started.await();
        for (int i = 1; i < generations; i++) {
            live.switchTo(made.get(i));
            Thread.sleep(2);
        }
        stop.set(true);
        for (Future<?> w : workers) {
            w.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertFalse(closedInUse.get(), "no lease ever ran on a closed generation");
        for (int i = 0; i < generations - 1; i++) {
            assertEquals(1, closes.get("v" + i).get(), "v" + i + " closed exactly once");
        }
        assertEquals(0, closes.get("v" + (generations - 1)).get(), "the current one stays open");
        live.close();
        assertEquals(1, closes.get("v" + (generations - 1)).get());
    }
}
