package io.faceflow.ingest.publish;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue that, when full, drops its oldest element to take the newest: live video
 * wants the latest frame, and memory stays bounded whatever Kafka does.
 */
public final class LatestFrameQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();

    public LatestFrameQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** Adds the item; returns how many old items were dropped to make room (0 or 1). */
    public int offer(T item) {
        lock.lock();
        try {
            int dropped = 0;
            if (items.size() == capacity) {
                items.pollFirst();
                dropped = 1;
            }
            items.addLast(item);
            notEmpty.signal();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the item, first waiting up to the timeout for room (for sources that may be slowed
     * down, like files read as fast as possible); when still full, drops the oldest.
     */
    public int offerWaiting(T item, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (items.size() == capacity && nanos > 0) {
                nanos = notFull.awaitNanos(nanos);
            }
            return offer(item);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest item, waiting up to the timeout; null when none came. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            T item = items.pollFirst();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Removes everything; returns how many items there were. */
    public int clear() {
        lock.lock();
        try {
            int n = items.size();
            items.clear();
            notFull.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }
}
