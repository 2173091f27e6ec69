package org.nymdir.load.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line: once a second on a terminal (rewritten in place), every five seconds otherwise (so logs
 * stay readable). Shows how far a phase got, its rate over the last interval, and what is in flight.
 */
final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final String phase;
    private final long total;
    private final LongSupplier done;
    private final LongSupplier inFlight;
    private final boolean terminal = System.console() != null;
    private final Thread thread;
    private final long started = System.nanoTime();

    Progress(PrintStream out, String phase, long total, LongSupplier done, LongSupplier inFlight) {
        this.out = out;
        this.phase = phase;
        this.total = total;
        this.done = done;
        this.inFlight = inFlight;
        this.thread = Thread.ofPlatform().daemon().name("bench-progress").start(this::run);
    }

    private void run() {
        long interval = terminal ? 1000 : 5000;
        long lastDone = 0;
        long lastAt = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long d = done.getAsLong();
            double rate = (d - lastDone) / ((now - lastAt) / 1e9);
            lastDone = d;
            lastAt = now;
            String line = String.format(Locale.ROOT,
                    "  %-13s %,d/%,d done, %,.0f/s now, %,d in flight, %.0f s, load %.2f",
                    phase, d, total, rate, inFlight.getAsLong(), (now - started) / 1e9, CpuTime.loadAverage());
            if (terminal) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            out.println();
        }
    }
}
