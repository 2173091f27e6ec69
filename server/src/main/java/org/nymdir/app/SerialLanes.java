package org.nymdir.app;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks of one key (a sender tag) one after another in arrival order, and tasks of different keys in
 * parallel, on virtual threads. A key's lane exists only while it has work, so idle senders cost nothing;
 * the total of queued tasks is bounded, and a submitter waits when the bound is reached (back-pressure to
 * the nym-client link instead of unbounded memory).
 */
final class SerialLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialLanes.class);

    private final ConcurrentHashMap<Object, ArrayDeque<Runnable>> lanes = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore capacity;
    private final int maxQueued;

    SerialLanes(int maxQueued) {
        this.maxQueued = maxQueued;
        this.capacity = new Semaphore(maxQueued);
    }

    /** Queues {@code task} behind earlier tasks of {@code key}; waits while the total bound is reached. */
    void submit(Object key, Runnable task) throws InterruptedException {
        capacity.acquire();
        boolean[] start = {false};
        lanes.compute(key, (k, queue) -> {
            if (queue == null) {
                queue = new ArrayDeque<>();
                start[0] = true; // nobody drains this key: we start a drainer
            }
            queue.add(task);
            return queue;
        });
        if (start[0]) {
            executor.execute(() -> drain(key));
        }
    }

    private void drain(Object key) {
        // Every access to a lane's queue happens inside lanes.compute, under the map's lock for that key.
        Runnable[] next = new Runnable[1];
        lanes.compute(key, (k, q) -> {
            next[0] = q.peek();
            return q;
        });
        while (next[0] != null) {
            try {
                next[0].run();
            } catch (Throwable t) {
                log.error("task failed", t);
            } finally {
                capacity.release();
            }
            // Drop the finished task; remove the lane when it is empty, so a later submit starts a new drainer.
            lanes.compute(key, (k, q) -> {
                q.poll();
                next[0] = q.peek();
                return next[0] == null ? null : q;
            });
        }
    }

    /** Tasks queued or running. */
    int pending() {
        return maxQueued - capacity.availablePermits();
    }

    /** Waits until every queued task has run (no new ones should be submitted meanwhile). */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        if (capacity.tryAcquire(maxQueued, timeout, unit)) {
            capacity.release(maxQueued);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
