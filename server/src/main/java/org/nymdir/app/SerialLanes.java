package org.nymdir.app;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks of one key (a sender tag) one after another in arrival order, and tasks of different keys on a
 * fixed number of worker threads, taking turns: a worker takes one task from the lane at the head of the ring
 * and, if that lane has more, puts it back at the tail. One sender's flood therefore waits behind its own
 * requests, never in front of anyone else's.
 *
 * <p>Turns per key are not enough on their own: sender tags are free, and a flood from ten thousand tags
 * would still take ten thousand turns for each one of a person's. So there are two rings. <em>Members</em>
 * are keys that proved a user's key by a fresh challenge in this run (see {@code Directory#isRoute}); every
 * other key is a <em>stranger</em>. Workers take three turns from the members' ring for each one from the
 * strangers' (whichever ring is empty yields its turn), and each ring has its own bound on queued tasks, so
 * strangers can neither fill the queue members use nor starve them; strangers are never starved either. A
 * registered user who logged in is a member; their requests wait for at most about one task per worker
 * ahead of them plus their share among the members that are busy at the same moment. Puppet accounts can
 * become members, but each one costs a registration, and members share by key too.
 *
 * <p>What is queued is bounded in bytes, per ring (each task says what it holds: its request): ten thousand
 * requests of 256 KiB would otherwise be 2.5 GiB. Nothing waits for room: a task beyond its lane's bound or
 * its ring's is refused ({@link #submit} returns false) so that the link's reader, which all senders share,
 * never blocks on one of them.
 */
final class SerialLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialLanes.class);
    /** Turns from the members' ring for each turn from the strangers'. */
    static final int MEMBER_TURNS = 3;

    /** The bounds: {@code workers} threads; {@code perLane} queued tasks of one key. */
    public record Bounds(int workers, int perLane) {
        /**
         * 8 workers (enough to keep the group commit busy; more only share the CPU thinner, and each running
         * flood task delays a member's by as much), 16 queued tasks per sender tag.
         */
        public static final Bounds DEFAULTS = new Bounds(8, 16);

        public Bounds {
            if (workers < 1 || perLane < 1) {
                throw new IllegalArgumentException("every bound of the request lanes must be at least 1");
            }
        }
    }

    private static final class Ring {
        final ArrayDeque<Lane> ready = new ArrayDeque<>();
        int queued;
        long bytes;
    }

    private record Queued(Runnable task, long bytes) {
    }

    private static final class Lane {
        final Object key;
        final ArrayDeque<Queued> tasks = new ArrayDeque<>();
        final boolean member;
        boolean running;

        Lane(Object key, boolean member) {
            this.key = key;
            this.member = member;
        }
    }

    private final Bounds bounds;
    private final long ringBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Map<Object, Lane> lanes = new HashMap<>();
    private final Ring members = new Ring();
    private final Ring strangers = new Ring();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private int turn;
    private int inFlight;
    private boolean closed;

    /** @param maxBytes heap the queued and running tasks may hold together: half for each ring */
    SerialLanes(Bounds bounds, long maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2");
        }
        this.bounds = bounds;
        this.ringBytes = maxBytes / 2;
        for (int i = 0; i < bounds.workers(); i++) {
            workers.execute(this::work);
        }
    }

    /**
     * Queues {@code task}, which holds {@code bytes} of heap until it ran, behind earlier tasks of {@code key};
     * {@code member} says which ring the key's lane joins when it has none yet. Returns false, running nothing,
     * when the lane is full or the ring's bytes would exceed its bound (a task larger than the whole bound
     * is taken only into an empty ring).
     */
    boolean submit(Object key, boolean member, long bytes, Runnable task) {
        lock.lock();
        try {
            Lane lane = lanes.get(key);
            Ring ring = ring(lane == null ? member : lane.member);
            if (closed || ring.queued > 0 && ring.bytes + bytes > ringBytes
                    || lane != null && lane.tasks.size() >= bounds.perLane()) {
                return false;
            }
            if (lane == null) {
                lane = new Lane(key, member);
                lanes.put(key, lane);
            }
            lane.tasks.add(new Queued(task, bytes));
            ring.queued++;
            ring.bytes += bytes;
            if (!lane.running && lane.tasks.size() == 1) {
                ring.ready.add(lane);
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private Ring ring(boolean member) {
        return member ? members : strangers;
    }

    private void work() {
        while (true) {
            Lane lane;
            Queued task;
            lock.lock();
            try {
                while ((lane = nextLane()) == null) {
                    if (closed) {
                        return;
                    }
                    work.awaitUninterruptibly();
                }
                lane.running = true;
                task = lane.tasks.peek();
                inFlight++;
            } finally {
                lock.unlock();
            }
            try {
                task.task().run();
            } catch (VirtualMachineError e) {
                throw e; // out of memory: not this task's failure; the process's handler ends it
            } catch (Throwable t) {
                log.error("task failed", t);
            } finally {
                lock.lock();
                try {
                    finished(lane);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The next lane to take a turn: members three times in four, strangers otherwise, or whoever has work. */
    private Lane nextLane() {
        boolean strangersTurn = turn++ % (MEMBER_TURNS + 1) == MEMBER_TURNS;
        Ring first = strangersTurn ? strangers : members;
        Ring second = strangersTurn ? members : strangers;
        Lane lane = first.ready.poll();
        return lane != null ? lane : second.ready.poll();
    }

    private void finished(Lane lane) {
        Queued done = lane.tasks.poll();
        lane.running = false;
        inFlight--;
        Ring ring = ring(lane.member);
        ring.queued--;
        ring.bytes -= done.bytes();
        if (lane.tasks.isEmpty()) {
            lanes.remove(lane.key);
        } else {
            ring.ready.add(lane); // its next task waits for everyone else's turn
            work.signal();
        }
        if (members.queued + strangers.queued == 0) {
            idle.signalAll();
        }
    }

    /** Tasks queued or running. */
    int pending() {
        lock.lock();
        try {
            return members.queued + strangers.queued;
        } finally {
            lock.unlock();
        }
    }

    /** Heap the queued and running tasks hold, as they said. */
    long queuedBytes() {
        lock.lock();
        try {
            return members.bytes + strangers.bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks running now (for tests). */
    int running() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every queued task has run (no new ones should be submitted meanwhile). */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (members.queued + strangers.queued > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        workers.shutdown();
    }
}
