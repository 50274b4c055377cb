package io.faceflow.core.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the calls using a native resource (an ONNX Runtime session, a PyTorch module, an OpenCV
 * detector) so that freeing it waits for them: freeing native memory under a
 * running call crashes the whole process, not just the call.
 *
 * <p>{@link #enter()} fails once closing has begun, so no call starts on a resource about to go.
 * {@link #closeAfterUsers} waits, bounded, for the calls already inside; when the bound passes
 * first it leaves the resource unfreed (the process exit reclaims it) and says so, counted in
 * {@link #overruns()} so that a command can exit non-zero instead of crashing.
 */
public final class UseGate {
    private static final Logger LOG = LoggerFactory.getLogger(UseGate.class);
    /** How long a close waits for running calls unless told otherwise: longer than any forward pass. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger OVERRUNS = new AtomicInteger();

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int users;
    private boolean closing;
    private boolean freed;

    /** @param name what the resource is, as a person reads it in a log ("model X", "face detector") */
    public UseGate(String name) {
        this.name = name;
    }

    /** One call's hold on the resource; closing it ends the call. */
    public interface Use extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts a call; throws {@link ResourceClosedException} when the resource is closing or closed. */
    public Use enter() {
        lock.lock();
        try {
            if (closing) {
                throw new ResourceClosedException(name + " is closed; no new work can start on it");
            }
            users++;
        } finally {
            lock.unlock();
        }
        return new Use() {
            private boolean done;

            @Override
            public void close() {
                lock.lock();
                try {
                    if (!done) {
                        done = true;
                        if (--users == 0) {
                            idle.signalAll();
                        }
                    }
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** Calls inside now. */
    public int users() {
        lock.lock();
        try {
            return users;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new calls, waits up to {@code bound} for the running ones, then runs {@code free}.
     * Returns false, without freeing, when calls were still running at the bound. A later close
     * waits the same way; {@code free} runs at most once per gate.
     */
    public boolean closeAfterUsers(Duration bound, Runnable free) {
        lock.lock();
        try {
            closing = true;
            long left = bound.toNanos();
            boolean interrupted = false;
            while (users > 0 && left > 0) {
                try {
                    left = idle.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true; // a stop must still not free under a running call: keep waiting
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (users > 0) {
                OVERRUNS.incrementAndGet();
                LOG.error("{} still had {} call(s) running {} s after its close began; its native memory is left to"
                        + " the process exit instead of being freed under them (a stuck device or a hung call?)",
                        name, users, TimeUnit.NANOSECONDS.toSeconds(bound.toNanos()));
                return false;
            }
            if (!freed) {
                freed = true;
                free.run();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #closeAfterUsers(Duration, Runnable)} with {@link #DEFAULT_BOUND}. */
    public boolean closeAfterUsers(Runnable free) {
        return closeAfterUsers(DEFAULT_BOUND, free);
    }

    /** How many closes in this process gave up waiting and left a resource unfreed. */
    public static int overruns() {
        return OVERRUNS.get();
    }

    /** Counts a stop step other than a gate that overran its bound (e.g. Kafka Streams not closing in time). */
    public static void recordOverrun() {
        OVERRUNS.incrementAndGet();
    }
}
