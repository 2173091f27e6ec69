package org.nymdir.load.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.nymdir.app.metrics.LatencyRecorder;

/**
 * The registration phase: every user registers through the full challenge round trip (register, challenge,
 * signed nonce, success). The directory keeps one pending challenge per sender tag, so each connection
 * registers its users one after another; all connections run at once, which bounds what is in flight.
 */
final class Registrations implements Connection.Handler {
    private final Workload work;
    private final Connection[] connections;
    private final Replies replies;
    private final int[] cursor; // per connection: the next of its users to register
    private final long[] started; // per user: when its register request left
    private final LatencyRecorder endToEnd = new LatencyRecorder();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final CountDownLatch finished;

    Registrations(Workload work, Connection[] connections, Replies replies) {
        this.work = work;
        this.connections = connections;
        this.replies = replies;
        this.cursor = new int[connections.length];
        this.started = new long[work.users()];
        this.finished = new CountDownLatch(work.users());
    }

    /** Runs the phase; returns false if it did not finish within the timeout (the rest count as lost). */
    boolean run(long timeoutSeconds) throws InterruptedException {
        for (Connection c : connections) {
            c.handler(this);
        }
        for (int c = 0; c < connections.length && c < work.users(); c++) {
            next(connections[c]);
        }
        return finished.await(timeoutSeconds, TimeUnit.SECONDS);
    }

    private void next(Connection c) {
        int user = c.index + cursor[c.index]++ * connections.length;
        if (user < work.users()) {
            started[user] = System.nanoTime();
            c.send(c.frameFor(work.register(user)), Connection.Kind.REGISTER, user);
        }
    }

    @Override
    public void reply(Connection c, Connection.Pending request, String envelope, long now) {
        replies.sample(envelope);
        int user = request.id();
        if (request.kind() == Connection.Kind.REGISTER) {
            String nonce = Replies.nonce(envelope);
            if (nonce != null) {
                c.send(c.frameFor(work.registrationResponse(user, nonce)), Connection.Kind.REGISTRATION_RESPONSE,
                        user);
                return;
            }
            failed.incrementAndGet();
        } else if (request.kind() == Connection.Kind.REGISTRATION_RESPONSE && Replies.isSuccess(envelope)) {
            ok.incrementAndGet();
            endToEnd.recordNanos(now - started[user]);
        } else {
            failed.incrementAndGet();
        }
        finished.countDown();
        next(c);
    }

    @Override
    public void delivery(Connection c, String envelope, long now) {
        unexpected.incrementAndGet();
    }

    @Override
    public void unexpected(Connection c, String what) {
        unexpected.incrementAndGet();
    }

    long total() {
        return work.users();
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    long done() {
        return ok.get() + failed.get();
    }

    Histogram endToEnd() {
        return endToEnd.snapshot();
    }
}
