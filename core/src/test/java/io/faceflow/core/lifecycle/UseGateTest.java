package io.faceflow.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UseGateTest {
    @Test
    void closeWaitsForTheCallsInsideThenFreesOnceAndRefusesNewCalls() throws Exception {
        UseGate gate = new UseGate("test resource");
        AtomicInteger freed = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread user = Thread.ofPlatform().start(() -> {
            try (UseGate.Use use = gate.enter()) {
                inside.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        inside.await();
        Thread closer = Thread.ofPlatform().start(() -> gate.closeAfterUsers(Duration.ofSeconds(30), freed::incrementAndGet));
        closer.join(300);
        assertTrue(closer.isAlive(), "close waits while a call is inside");
        assertEquals(0, freed.get(), "nothing freed under the call");
        assertThrows(ResourceClosedException.class, gate::enter, "no call starts once closing has begun");
        release.countDown();
        closer.join(5_000);
        user.join(5_000);
        assertFalse(closer.isAlive());
        assertEquals(1, freed.get(), "freed once the call ended");
        assertTrue(gate.closeAfterUsers(Duration.ofSeconds(1), freed::incrementAndGet), "a second close is a no-op");
        assertEquals(1, freed.get());
    }

    @Test
    void aCloseThatOutlivesItsBoundLeavesTheResourceAndCountsAnOverrun() throws Exception {
        UseGate gate = new UseGate("stuck resource");
        AtomicInteger freed = new AtomicInteger();
        UseGate.Use stuck = gate.enter();
        int before = UseGate.overruns();
        assertFalse(gate.closeAfterUsers(Duration.ofMillis(100), freed::incrementAndGet));
        assertEquals(0, freed.get(), "never freed under a running call");
        assertEquals(before + 1, UseGate.overruns());
        stuck.close();
        stuck.close(); // closing a use twice counts once
        assertEquals(0, gate.users());
        assertTrue(gate.closeAfterUsers(Duration.ofMillis(100), freed::incrementAndGet), "a later close frees it");
        assertEquals(1, freed.get());
    }
}
