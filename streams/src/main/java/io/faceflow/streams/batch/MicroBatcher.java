package io.faceflow.streams.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Gathers work from many threads into batches, each run as its {@link BatchPolicy} says. The
 * stream's threads each bring the faces of one frame; a GPU wants them all in one forward pass, a
 * quiet camera must not wait for a full batch, and when every stream thread is already waiting
 * nothing more can come.
 *
 * <p>Callers block until their items are done; a failure of the batch fails every caller in it.
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
    private final Function<List<I>, List<O>> work;
    private final BatchPolicy policy;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final LinkedBlockingQueue<Request<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    /** Guards closed against submit: once closed, nothing joins the queue, so nothing waits forever. */
    private final Object admission = new Object();
    private volatile boolean closed;

    private record Request<I, O>(List<I> items, CompletableFuture<List<O>> result) {}

    /**
     * @param work runs one batch; returns one output per input, in order
     * @param batchSizes told the size of each batch run (for metrics)
     */
    public MicroBatcher(String name, Function<List<I>, List<O>> work, BatchPolicy policy, IntConsumer batchSizes) {
        this.work = work;
        this.policy = policy;
        this.maxWaitNanos = policy.maxWait().toNanos();
        this.batchSizes = batchSizes;
        this.worker = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Runs {@code items} in some batch and returns their outputs, in order. */
    public List<O> submit(List<I> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        CompletableFuture<List<O>> result = new CompletableFuture<>();
        synchronized (admission) {
            if (closed) {
                throw new IllegalStateException("batcher " + worker.getName() + " is closed");
            }
            queue.add(new Request<>(List.copyOf(items), result));
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for batch " + worker.getName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        List<Request<I, O>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Request<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.items().size();
                long deadline = System.nanoTime() + maxWaitNanos;
                while (!policy.full(batch.size(), size)) {
                    long left = deadline - System.nanoTime();
                    Request<I, O> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    size += next.items().size();
                }
                run(batch, size);
            } catch (InterruptedException e) {
                break;
            } finally {
                batch.clear();
            }
        }
        Request<I, O> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("batcher closed"));
        }
    }

    private void run(List<Request<I, O>> batch, int size) {
        List<I> all = new ArrayList<>(size);
        batch.forEach(r -> all.addAll(r.items()));
        try {
            List<O> out = work.apply(all);
            batchSizes.accept(all.size());
            int next = 0;
            for (Request<I, O> r : batch) {
                r.result().complete(out.subList(next, next + r.items().size()));
                next += r.items().size();
            }
        } catch (RuntimeException e) {
            batch.forEach(r -> r.result().completeExceptionally(e));
        }
    }

    /** Admits nothing more, finishes the batches already asked for (bounded), then stops the worker. */
    @Override
    public void close() {
        synchronized (admission) {
            closed = true;
        }
        try {
            worker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
