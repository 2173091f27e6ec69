package org.nymdir.load.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.nymdir.app.metrics.LatencyRecorder;

/**
 * A phase of prepared requests (relays or lookups), sent as fast as a bound on requests in flight allows,
 * or at a fixed offered rate. A relay is done when both its sender got "success" and its recipient got the
 * message; a lookup when its reply came. What is not done when the phase times out is lost.
 *
 * <p>End-to-end latency: for a relay, from sending it to its delivery at the recipient; for a lookup, from
 * sending it to its reply. Both include the local mixnet and this process, not only the directory.
 */
final class Traffic implements Connection.Handler {
    /** One prepared request: the connection it leaves from and the frame, already rendered and signed. */
    record Item(int connection, String frame) {
    }

    private final Connection[] connections;
    private final Item[] items;
    private final Connection.Kind kind;
    private final Replies replies;
    private final int eventsPerItem;
    private final int bodyIdOffset;
    private final AtomicLongArray sentAt;
    private final AtomicIntegerArray events;
    private final AtomicIntegerArray deliveries;
    private final LatencyRecorder endToEnd = new LatencyRecorder();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private Semaphore inFlight;
    private long maxLagNanos;

    /** {@code bodyIdOffset}: the number in the body of the first relay (they are numbered over all phases). */
    Traffic(Connection[] connections, Item[] items, int bodyIdOffset, Connection.Kind kind, Replies replies) {
        this.bodyIdOffset = bodyIdOffset;
        this.connections = connections;
        this.items = items;
        this.kind = kind;
        this.replies = replies;
        this.eventsPerItem = kind == Connection.Kind.SEND ? 2 : 1;
        this.sentAt = new AtomicLongArray(items.length);
        this.events = new AtomicIntegerArray(items.length);
        this.deliveries = new AtomicIntegerArray(items.length);
    }

    /**
     * Sends every item, at most {@code maxInFlight} unfinished at a time, at {@code rate} per second if positive;
     * then waits up to {@code drainSeconds} for the rest. Returns the seconds from first send to last completion.
     */
    double run(int maxInFlight, double rate, long drainSeconds) throws InterruptedException {
        inFlight = new Semaphore(maxInFlight);
        for (Connection c : connections) {
            c.handler(this);
        }
        long start = System.nanoTime();
        for (int i = 0; i < items.length; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long now = System.nanoTime();
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                } else {
                    maxLagNanos = Math.max(maxLagNanos, now - due);
                }
            }
            inFlight.acquire();
            sentAt.set(i, System.nanoTime());
            sent.incrementAndGet();
            connections[items[i].connection()].send(items[i].frame(), kind, i);
        }
        // all permits back = every item done (or the drain timed out and the rest is lost)
        if (inFlight.tryAcquire(maxInFlight, drainSeconds, TimeUnit.SECONDS)) {
            inFlight.release(maxInFlight);
        }
        long end = lastDone.get();
        return ((end > start ? end : System.nanoTime()) - start) / 1e9;
    }

    private final AtomicLong lastDone = new AtomicLong();

    private void event(int i, long now) {
        if (i < 0 || i >= items.length) {
            unexpected.incrementAndGet();
            return;
        }
        int n = events.incrementAndGet(i);
        if (n == eventsPerItem) {
            done.incrementAndGet();
            lastDone.accumulateAndGet(now, Math::max);
            inFlight.release();
        } else if (n > eventsPerItem) {
            unexpected.incrementAndGet(); // a second reply to one request
        }
    }

    @Override
    public void reply(Connection c, Connection.Pending request, String envelope, long now) {
        replies.sample(envelope);
        boolean ok = request.kind() == kind && (kind == Connection.Kind.SEND
                ? Replies.isSuccess(envelope) : "queryResponse".equals(Replies.action(envelope))
                        && envelope.contains("publicKey"));
        if (!ok) {
            failed.incrementAndGet();
        }
        if (kind == Connection.Kind.QUERY) {
            endToEnd.recordNanos(now - request.sentNanos());
        }
        event(request.id(), now);
    }

    @Override
    public void delivery(Connection c, String envelope, long now) {
        replies.sample(envelope);
        int id = Workload.relayId(envelope) - bodyIdOffset;
        if (kind != Connection.Kind.SEND || id < 0 || id >= items.length) {
            unexpected.incrementAndGet();
            return;
        }
        if (deliveries.getAndIncrement(id) > 0) {
            duplicates.incrementAndGet(); // the mailbox delivers at least once
            return;
        }
        endToEnd.recordNanos(now - sentAt.get(id));
        event(id, now);
    }

    @Override
    public void unexpected(Connection c, String what) {
        unexpected.incrementAndGet();
    }

    long sent() {
        return sent.get();
    }

    long done() {
        return done.get();
    }

    long inFlight() {
        return sent.get() - done.get();
    }

    long failed() {
        return failed.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    /** Items not done: for relays, a missing delivery or a missing reply. */
    long lost() {
        return items.length - done.get();
    }

    /** How far behind its schedule the fixed-rate sender fell at worst, in milliseconds. */
    double maxLagMillis() {
        return maxLagNanos / 1e6;
    }

    Histogram endToEnd() {
        return endToEnd.snapshot();
    }
}
