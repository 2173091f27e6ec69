package org.nymdir.sim;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the simulated mixnet's state (clients, holds, tags, SURB stocks). WebSocket callbacks
 * arrive on the library's threads and are posted here in order, so the state needs no locks, responses leave in
 * request order, and seeded fault draws happen in a repeatable order.
 */
final class SimLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-loop");
        t.setDaemon(true);
        return t;
    });

    void execute(Runnable task) {
        try {
            executor.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("sim loop closed; task dropped");
        }
    }

    void schedule(Runnable task, long delayNanos) {
        try {
            executor.schedule(() -> run(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("sim loop closed; task dropped");
        }
    }

    void every(Runnable task, Duration period) {
        executor.scheduleWithFixedDelay(() -> run(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs a task on the loop and waits for its result (for snapshots and test hooks). */
    <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("sim loop task failed", e);
        }
    }

    /**
     * Monotonic time on the loop's own scheduler: the simulated mixnet models a network, whose delays and SURB
     * timings pass in real time, so it reads no directory clock.
     */
    long now() {
        return System.nanoTime();
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // one broken event must not stop the simulated mixnet
            LOG.error("sim loop task failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
