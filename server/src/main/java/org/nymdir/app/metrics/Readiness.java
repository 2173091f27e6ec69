package org.nymdir.app.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Whether the node can do its job now: its nym-client link is up and its store answers a read within
 * {@code storeTimeout}. A load balancer or monitor sends traffic (or pages nobody) only while both hold.
 */
public final class Readiness {
    private final BooleanSupplier linkUp;
    private final Runnable storeProbe;
    private final Duration storeTimeout;
    /** The probe still running, if one is: a hung store gets one probe at a time, not one per request. */
    private CompletableFuture<Void> running;

    /** {@code storeProbe} reads something small and throws if the store cannot answer. */
    public Readiness(BooleanSupplier linkUp, Runnable storeProbe, Duration storeTimeout) {
        this.linkUp = linkUp;
        this.storeProbe = storeProbe;
        this.storeTimeout = storeTimeout;
    }

    /** One check's result; {@code storeProblem} is a short description for the operator, null when fine. */
    public record State(boolean linkUp, boolean storeUp, String storeProblem) {
        public boolean ready() {
            return linkUp && storeUp;
        }
    }

    /** Checks both now; a store that hangs counts as down after the timeout (its probe is left to finish). */
    public State check() {
        boolean link = linkUp.getAsBoolean();
        CompletableFuture<Void> probe = probe();
        try {
            probe.get(storeTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new State(link, true, null);
        } catch (TimeoutException e) {
            return new State(link, false, "no answer within " + storeTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new State(link, false, e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State(link, false, "interrupted");
        }
    }

    private synchronized CompletableFuture<Void> probe() {
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Void> probe = new CompletableFuture<>();
        running = probe;
        Thread.ofVirtual().name("store-probe").start(() -> {
            try {
                storeProbe.run();
                probe.complete(null);
            } catch (RuntimeException e) {
                probe.completeExceptionally(e);
            }
        });
        return probe;
    }
}
