package org.nymdir.app;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.nymdir.directory.Directory;
import org.nymdir.directory.WaitingMail;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.store.StoreException;
import org.nymdir.store.postgres.NodeRegistry;
import org.nymdir.store.postgres.NodeStatus;
import org.nymdir.store.postgres.RelayWakeups;
import org.nymdir.store.postgres.WakeupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node on a shared PostgreSQL database does beside answering requests: it beats its heartbeat into
 * {@code nodes}, and it claims the wake-ups other nodes left when they took in mail for its users, then
 * delivers that mail through its own nym-client. Claims are polled every {@code pollEvery}; a NOTIFY only
 * makes the next poll come at once, so delivery never depends on it. Wake-ups about users who moved to
 * another node are passed on to that node.
 */
final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final int CLAIM_BATCH = 500;

    private final StoreBackend.Postgres backend;
    private final Directory directory;
    private final Pipeline pipeline;
    private final Clock clock;
    private final Supplier<NymAddress> address;
    private final NodeRegistry registry;
    private final RelayWakeups wakeups;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private final WakeupListener listener;

    private ClusterNode(StoreBackend.Postgres backend, Directory directory, Pipeline pipeline, Clock clock,
                        Supplier<NymAddress> address) {
        this.backend = backend;
        this.directory = directory;
        this.pipeline = pipeline;
        this.clock = clock;
        this.address = address;
        this.registry = new NodeRegistry(backend.database());
        this.wakeups = backend.wakeups();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("cluster-node").daemon().factory());
        this.listener = WakeupListener.start(backend.database().config(), backend.nodeId(), this::pollSoon);
    }

    /** Registers the node, logs its peers, and starts beating and polling. */
    static ClusterNode start(StoreBackend.Postgres backend, Directory directory, Pipeline pipeline, Clock clock,
                             Duration pollEvery, Supplier<NymAddress> address) {
        NodeRegistry registry = new NodeRegistry(backend.database());
        String id = backend.nodeId();
        registry.find(id).filter(n -> n.isAlive(clock.instant(), HEARTBEAT.multipliedBy(3))).ifPresent(n ->
                log.warn("node id {} beat {} ago without stopping: a crash just now, or another node with this id"
                        + " (each node needs its own NYMDIR_NODE_ID)", id,
                        Duration.between(n.heartbeatAt(), clock.instant()).truncatedTo(ChronoUnit.SECONDS)));
        registry.started(id, clock.instant());
        ClusterNode node = new ClusterNode(backend, directory, pipeline, clock, address);
        node.logPeers();
        node.timer.scheduleWithFixedDelay(node::poll, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        node.timer.scheduleWithFixedDelay(node::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        node.timer.scheduleWithFixedDelay(node::prune, 10, 10, TimeUnit.MINUTES);
        return node;
    }

    /** A NOTIFY named us: poll now, once, however many notifications came. */
    private void pollSoon() {
        if (pollQueued.compareAndSet(false, true)) {
            try {
                timer.execute(this::poll);
            } catch (RejectedExecutionException e) {
                pollQueued.set(false); // stopping
            }
        }
    }

    private void poll() {
        pollQueued.set(false);
        try {
            List<String> recipients;
            while (!(recipients = wakeups.claim(CLAIM_BATCH)).isEmpty()) {
                WaitingMail waiting;
                try {
                    waiting = directory.waitingMail(recipients);
                } catch (StoreException e) {
                    requeue(recipients);
                    throw e;
                }
                pipeline.deliverAll(waiting.deliveries());
                waiting.elsewhere().forEach((user, node) -> wakeups.wake(node, user));
                if (recipients.size() < CLAIM_BATCH) {
                    break;
                }
            }
        } catch (StoreException e) {
            log.warn("claiming relayed mail failed, next poll retries: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("claiming relayed mail failed", e);
        }
    }

    /** The claim is committed but its mail was not looked at: leave the word again, for the next poll. */
    private void requeue(List<String> recipients) {
        try {
            recipients.forEach(r -> wakeups.leave(backend.nodeId(), r)); // no nudge: the next poll, not a spin
        } catch (StoreException e) {
            // the database is away: this node's restart (resume) or the users' next request finds the mail
            log.warn("could not leave wake-ups again: {}", e.getMessage());
        }
    }

    private void beat() {
        try {
            NymAddress a = address.get();
            registry.beat(backend.nodeId(), a == null ? null : a.text(), clock.instant());
        } catch (StoreException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    private void prune() {
        try {
            int n = wakeups.prune();
            if (n > 0) {
                log.info("dropped {} wake-ups whose mail is gone", n);
            }
        } catch (StoreException e) {
            log.warn("pruning wake-ups failed: {}", e.getMessage());
        }
    }

    private void logPeers() {
        for (NodeStatus n : registry.nodes()) {
            if (!n.nodeId().equals(backend.nodeId())) {
                boolean alive = n.isAlive(clock.instant(), HEARTBEAT.multipliedBy(3));
                log.info("node {} on this database: {}, last heartbeat {}", n.nodeId(),
                        n.stoppedAt() != null ? "stopped" : alive ? "alive" : "silent", n.heartbeatAt());
            }
        }
    }

    /** The nodes on this database and their heartbeats. */
    List<NodeStatus> nodes() {
        return registry.nodes();
    }

    /** Stops polling and listening, then tells the others this node stopped (not crashed). */
    @Override
    public void close() {
        listener.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            registry.stopped(backend.nodeId(), clock.instant());
        } catch (StoreException e) {
            log.warn("could not record this node's stop: {}", e.getMessage());
        }
    }
}
