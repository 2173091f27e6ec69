package org.nymdir.app;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks of one key (a sender tag) one after another in arrival order, and tasks of different keys in
 * parallel, on virtual threads. A key's lane exists only while it has work, so idle senders cost nothing.
 * What is queued is bounded in bytes (each task says what it holds: its request), and a submitter waits when
 * the bound is reached (back-pressure to the nym-client link instead of unbounded memory): ten thousand
 * requests of 256 KiB would otherwise be 2.5 GiB.
 */
final class SerialLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialLanes.class);

    private record Queued(Runnable task, int permits) {
    }

    private final ConcurrentHashMap<Object, ArrayDeque<Queued>> lanes = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore capacity;
    private final int maxBytes;
    private final AtomicInteger pending = new AtomicInteger();

    /** @param maxBytes heap the queued and running tasks may hold together */
    SerialLanes(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.capacity = new Semaphore(maxBytes);
    }

    /**
     * Queues {@code task}, which holds {@code bytes} of heap until it ran, behind earlier tasks of {@code key};
     * waits while the bound is reached. A task larger than the whole bound waits until nothing else is queued.
     */
    void submit(Object key, long bytes, Runnable task) throws InterruptedException {
        Queued queued = new Queued(task, Math.clamp(bytes, 1, maxBytes));
        capacity.acquire(queued.permits());
        pending.incrementAndGet();
        boolean[] start = {false};
        lanes.compute(key, (k, queue) -> {
            if (queue == null) {
                queue = new ArrayDeque<>();
                start[0] = true; // nobody drains this key: we start a drainer
            }
            queue.add(queued);
            return queue;
        });
        if (start[0]) {
            executor.execute(() -> drain(key));
        }
    }

    private void drain(Object key) {
        // Every access to a lane's queue happens inside lanes.compute, under the map's lock for that key.
        Queued[] next = new Queued[1];
        lanes.compute(key, (k, q) -> {
            next[0] = q.peek();
            return q;
        });
        while (next[0] != null) {
            try {
                next[0].task().run();
            } catch (VirtualMachineError e) {
                throw e; // out of memory: not this task's failure; the process's handler ends it
            } catch (Throwable t) {
                log.error("task failed", t);
            } finally {
                pending.decrementAndGet();
                capacity.release(next[0].permits());
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
        return pending.get();
    }

    /** Heap the queued and running tasks hold, as they said. */
    long queuedBytes() {
        return maxBytes - capacity.availablePermits();
    }

    /** Waits until every queued task has run (no new ones should be submitted meanwhile). */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        if (capacity.tryAcquire(maxBytes, timeout, unit)) {
            capacity.release(maxBytes);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
