package org.nymdir.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.v1.V1Wire;
import org.nymdir.mixnet.MixnetLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and reply with the directory over the mixnet. The v1 protocol has no request ids: a client knows
 * which request a reply answers only by its (action, context). So we allow one exchange per context at a
 * time (a register or login flow keeps its context for both of its round trips), and hand each reply to the
 * exchange waiting in its context if the action is one it expects. Replies nobody waits for (late ones after
 * a timeout) are dropped.
 *
 * <p>Every reply is checked against the directory's key when we have it, before anyone sees it.
 */
final class DirectoryExchange {
    private static final Logger log = LoggerFactory.getLogger(DirectoryExchange.class);

    /** What a caller does while it holds a context. */
    interface Flow<T> {
        T run() throws ClientException, InterruptedException;
    }

    private record Waiter(Set<String> actions, CompletableFuture<Envelope> reply) {}

    private final MixnetLink link;
    private final ClientConfig config;
    private final Ecdsa ecdsa;
    private final String linkName;
    private final AtomicBoolean firstRequest = new AtomicBoolean(true);
    private final Map<String, ReentrantLock> contexts = new ConcurrentHashMap<>();
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

    DirectoryExchange(MixnetLink link, ClientConfig config, Ecdsa ecdsa, String linkName) {
        this.link = link;
        this.config = config;
        this.ecdsa = ecdsa;
        this.linkName = linkName;
    }

    /** Runs {@code flow} as the only exchange in {@code context}; others wait their turn (fairly). */
    <T> T exclusive(String context, Flow<T> flow) throws ClientException, InterruptedException {
        ReentrantLock lock = contexts.computeIfAbsent(context, c -> new ReentrantLock(true));
        lock.lockInterruptibly();
        try {
            return flow.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a request and waits for its reply: one in {@code context} whose action is one of
     * {@code actions}, or the directory's generic {@code error} reply. The caller holds the context.
     *
     * @throws ClientException.SignatureMismatch the reply is not signed by the directory's key
     * @throws ClientException.Timeout no reply in time
     * @throws ClientException.Unreachable our nym-client is gone, or our queue towards it is full
     */
    Envelope call(String context, String request, String... actions) throws ClientException, InterruptedException {
        Waiter waiter = new Waiter(Set.of(actions), new CompletableFuture<>());
        if (waiting.putIfAbsent(context, waiter) != null) {
            throw new IllegalStateException("an exchange in " + context + " is already waiting");
        }
        try {
            int surbs = firstRequest.getAndSet(false) ? config.firstReplySurbs() : config.replySurbs();
            if (link.sendAnonymous(config.directory(), request, surbs).isCompletedExceptionally()) {
                throw new ClientException.Unreachable("the queue towards our nym-client at " + linkName
                        + " is full: it has been unreachable for a while");
            }
            Envelope reply = waiter.reply().get(config.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!verified(reply)) {
                throw new ClientException.SignatureMismatch("a " + reply.action() + "/" + reply.context()
                        + " reply does not carry the directory's signature: wrong directory key, or not our"
                        + " directory answering");
            }
            return reply;
        } catch (TimeoutException e) {
            if (!link.isConnected()) {
                throw new ClientException.Unreachable("lost the connection to our nym-client at " + linkName);
            }
            throw new ClientException.Timeout("no " + context + " reply from the directory within "
                    + config.replyTimeout().toSeconds() + " s: is it running at " + config.directory()
                    .toString().substring(0, 8) + "…, and reachable through the mixnet?");
        } catch (ExecutionException e) {
            throw new IllegalStateException("reply future failed", e.getCause());
        } finally {
            waiting.remove(context, waiter);
        }
    }

    /**
     * Sends a request whose reply nobody waits for (acks: if one is lost, the directory sends the message
     * again and we ack again). False if our nym-client's queue is full.
     */
    boolean fire(String request) {
        return !link.sendAnonymous(config.directory(), request, config.replySurbs()).isCompletedExceptionally();
    }

    /** A reply from the directory (link thread). True if an exchange was waiting for it. */
    boolean offer(Envelope reply) {
        Waiter waiter = waiting.get(reply.context());
        if (waiter != null && (waiter.actions().contains(reply.action()) || reply.action().equals(V1Wire.ERROR))) {
            return waiter.reply().complete(reply);
        }
        log.debug("dropped a {}/{} reply nobody waits for", reply.action(), reply.context());
        return false;
    }

    /** True if the directory signed this envelope's content, or if we have no key to check with. */
    boolean verified(Envelope envelope) {
        return config.directoryKey() == null || (envelope.signature() != null && ecdsa.verifyHex(
                config.directoryKey(), envelope.content().getBytes(StandardCharsets.UTF_8), envelope.signature()));
    }
}
