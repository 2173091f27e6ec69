package org.nymdir.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling, so tests finish as soon as it holds instead of sleeping a fixed time. */
public final class Await {
    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, WsPeer.DEFAULT_TIMEOUT);
    }

    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        if (!holdsWithin(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what);
        }
    }

    /**
     * Waits up to {@code timeout} for a condition and says whether it held, without failing: for a wait whose
     * outcome the assertions after it check precisely (and explain better than a timeout would).
     */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** Polls {@code value} until it equals {@code expected}; the message shows the last value seen. */
    public static <T> void equal(String what, Supplier<T> value, T expected) {
        long deadline = System.nanoTime() + WsPeer.DEFAULT_TIMEOUT.toNanos();
        T last;
        while (!expected.equals(last = value.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + " but was " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
