package io.faceflow.recognition;

import io.faceflow.core.lifecycle.UseGate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model generation in use, swappable while work goes on. Work takes a {@link Lease} for one
 * batch and uses that generation's embedder, gallery and threshold throughout, so a switch takes
 * effect between batches, never inside one. The replaced generation is closed when its last lease
 * ends, not before: in-flight work is never cut off. {@link #close()} waits (bounded) for that last
 * lease, so whatever its owner closes next is no longer in use.
 */
public final class LiveModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

    private final AtomicReference<Held> current;

    public LiveModel(ModelGeneration initial) {
        current = new AtomicReference<>(new Held(initial));
    }

    /** The generation for one unit of work; close the lease when the work is done. */
    public Lease acquire() {
        while (true) {
            Held held = current.get();
            if (held.retain()) {
                return new Lease(held);
            }
            // Retired between get() and retain(): the next get() returns its successor.
        }
    }

    public String version() {
        return current.get().generation.version();
    }

    /** Makes {@code next} current at once; the old generation closes after its last lease. Returns the old version. */
    public String switchTo(ModelGeneration next) {
        Held old = current.getAndSet(new Held(next));
        LOG.info("live model switched from {} to {}", old.generation.version(), next.version());
        old.retire();
        return old.generation.version();
    }

    /** Retires the current generation and waits up to {@link UseGate#DEFAULT_BOUND} for its last lease. */
    @Override
    public void close() {
        close(UseGate.DEFAULT_BOUND);
    }

    /** Retires the current generation and waits up to {@code bound} for its last lease; false when it did not end. */
    public boolean close(Duration bound) {
        Held held = current.get();
        held.retire();
        try {
            if (held.closed.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        UseGate.recordOverrun();
        LOG.error("model {} was still in use {} s after the close began; it is left open", held.generation.version(),
                bound.toSeconds());
        return false;
    }

    /** One unit of work's hold on a generation. */
    public static final class Lease implements AutoCloseable {
        private final Held held;
        private boolean closed;

        private Lease(Held held) {
            this.held = held;
        }

        public ModelGeneration generation() {
            return held.generation;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                held.release();
            }
        }
    }

    /** A generation with its users counted; the count starts at one for being current. */
    private static final class Held {
        private final ModelGeneration generation;
        private final AtomicInteger users = new AtomicInteger(1);
        private final AtomicBoolean retired = new AtomicBoolean();
        private final CountDownLatch closed = new CountDownLatch(1);

        Held(ModelGeneration generation) {
            this.generation = generation;
        }

        boolean retain() {
            int n;
            do {
                n = users.get();
                if (n == 0) {
                    return false;
                }
            } while (!users.compareAndSet(n, n + 1));
            return true;
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                closeResources();
            }
        }

        void retire() {
            if (retired.compareAndSet(false, true)) {
                release();
            }
        }

        private void closeResources() {
            try {
                if (generation.onRetire() != null) {
                    generation.onRetire().close();
                    LOG.info("model {} closed after its last batch", generation.version());
                }
            } catch (Exception e) {
                LOG.warn("closing model {} failed: {}", generation.version(), e.toString());
            } finally {
                closed.countDown();
            }
        }
    }
}
