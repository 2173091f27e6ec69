package org.nymdir.mixnet;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One connection's ledger of frames written to the nym-client and not yet confirmed, and of the confirmations
 * asked for. A nym-client never says it has a frame, but it handles a connection's requests in order, so its
 * answer to a {@code selfAddress} request confirms every frame written before that request. The ledger owns
 * which frames each confirmation covers, completes them when it comes, and at the end of the connection hands
 * back, oldest first, every frame that never was confirmed, to go out again on the next one.
 *
 * <p>One writer (the link's thread: {@link #writing}, {@link #written}, {@link #asking}) and one listener (the
 * socket's thread: {@link #answered}). Ages are monotonic time ({@code System.nanoTime}): they measure how long
 * the nym-client has been silent, and read no wall clock.
 */
final class ConfirmationLedger {
    private final int maxUnconfirmed;
    private final Object lock = new Object();
    // Guarded by lock. Frames on the socket, oldest first; how many confirm frames each confirmation asked
    // for (in order) covers, and when it was asked.
    private final ArrayDeque<OutboundFrame> unconfirmed = new ArrayDeque<>();
    private final ArrayDeque<Integer> confirmations = new ArrayDeque<>();
    private final ArrayDeque<Long> askedAt = new ArrayDeque<>();
    private int sinceConfirmation;
    private long firstSinceConfirmationAt;
    private boolean ended;

    /** @param maxUnconfirmed how many written frames may wait for their confirmation before writing waits */
    ConfirmationLedger(int maxUnconfirmed) {
        if (maxUnconfirmed < 1) {
            throw new IllegalArgumentException("maxUnconfirmed must be positive");
        }
        this.maxUnconfirmed = maxUnconfirmed;
    }

    /**
     * A frame is about to be written. Until {@link #written} (a plain frame) or a confirmation that covers it
     * (a confirm frame), it is the connection's to give back at {@link #end}.
     */
    void writing(OutboundFrame frame) {
        synchronized (lock) {
            unconfirmed.add(frame);
            if (frame.confirm() && sinceConfirmation++ == 0) {
                firstSinceConfirmationAt = System.nanoTime();
            }
        }
    }

    /** The socket took {@code frame}: a plain frame is done now; a confirm frame waits for its confirmation. */
    void written(OutboundFrame frame) {
        if (frame.confirm()) {
            return;
        }
        synchronized (lock) {
            unconfirmed.removeLastOccurrence(frame);
        }
        frame.written().complete(null);
    }

    /** A confirmation request is about to be written: its answer covers the confirm frames written since the last. */
    void asking() {
        long now = System.nanoTime();
        synchronized (lock) {
            confirmations.add(sinceConfirmation);
            askedAt.add(now);
            sinceConfirmation = 0;
        }
    }

    /** The nym-client answered a confirmation request: the frames it covers are handed over. */
    void answered() {
        List<OutboundFrame> done = new ArrayList<>();
        synchronized (lock) {
            Integer covered = confirmations.poll();
            askedAt.poll();
            if (ended || covered == null) {
                return;
            }
            for (int i = 0; i < covered; i++) {
                done.add(unconfirmed.poll());
            }
            lock.notifyAll();
        }
        done.forEach(f -> f.written().complete(null));
    }

    /** Confirm frames written since the last confirmation request. */
    int sinceConfirmation() {
        synchronized (lock) {
            return sinceConfirmation;
        }
    }

    /**
     * How long ago the oldest confirm frame not yet covered by a confirmation request was written, in
     * nanoseconds; 0 when there is none.
     */
    long sinceConfirmationNanos() {
        synchronized (lock) {
            return sinceConfirmation == 0 ? 0 : System.nanoTime() - firstSinceConfirmationAt;
        }
    }

    /** Frames written and not yet handed over. */
    int size() {
        synchronized (lock) {
            return unconfirmed.size();
        }
    }

    /** How long the oldest confirmation asked for has gone unanswered, in nanoseconds; 0 when none is outstanding. */
    long oldestUnansweredNanos() {
        synchronized (lock) {
            Long oldest = askedAt.peek();
            return oldest == null ? 0 : System.nanoTime() - oldest;
        }
    }

    /**
     * Waits while too many frames are unconfirmed, until a confirmation makes room, {@code closed} says the
     * connection is over, or {@code timeout} passed; false only on the timeout.
     */
    boolean awaitRoom(Duration timeout, BooleanSupplier closed) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (unconfirmed.size() >= maxUnconfirmed && !closed.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.min(left, 200)); // also looks at closed now and then: nothing notifies its change
            }
            return true;
        }
    }

    /** The connection is over: returns the frames it never handed over, oldest first; later answers do nothing. */
    List<OutboundFrame> end() {
        synchronized (lock) {
            ended = true;
            List<OutboundFrame> left = new ArrayList<>(unconfirmed);
            unconfirmed.clear();
            return left;
        }
    }
}
