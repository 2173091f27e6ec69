package org.nymdir.mixnet;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MixnetLink} over a nym-client's WebSocket API, with the JDK's WebSocket client. Owns the link's
 * life: the bounded outbound queue, the one thread that connects and writes, reconnection, and our address.
 * Each connection is a {@link NymClientConnection} (which assembles frames and keeps the confirmation ledger).
 *
 * <p>Copes with what a real nym-client does: its port opens only once it reached its gateway (we retry after
 * a {@link ReconnectBackoff} pause), it accepts one connection at a time, it pushes received messages as
 * binary frames until we send a text frame (we accept both), and it may go away at any time. One thread owns
 * the connection: it connects, asks for our address, then writes queued messages one by one. Outgoing
 * messages wait in a bounded queue meanwhile.
 *
 * <p>A frame written to the socket is not yet a frame the nym-client has: when the connection dies, what was
 * still in flight is gone, and a nym-client never tells. Replies ({@link #reply}) are written once, as a
 * nym-client user expects: one request, one answer. Messages that must not be lost ({@link #replyConfirmed})
 * count as handed over only once the nym-client answered a {@code selfAddress} request written after them (it
 * handles the requests of a connection in order); we ask every {@value #CONFIRM_EVERY} such messages, and
 * when the queue ran empty, at most {@link #CONFIRM_WITHIN} after the first message the request covers. When
 * the socket dies, every unconfirmed one goes back to the head of the queue, in order, for the next
 * connection: it may reach the mixnet twice, never zero times.
 *
 * <p>The outbound queue is bounded in messages and in bytes (what the frames hold, counted from the moment
 * one is queued until the link is done with it, unconfirmed ones included): a message beyond either bound
 * fails at once with {@link OutboundFullException}.
 *
 * <p>Time: every timeout here is a duration on the monotonic clock ({@code System.nanoTime}, timed waits);
 * the link decides nothing on wall-clock time.
 */
public final class NymClientLink implements MixnetLink {
    private static final Logger log = LoggerFactory.getLogger(NymClientLink.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** A confirmation ({@code selfAddress}) is asked for after at most this many frames. */
    static final int CONFIRM_EVERY = 64;
    /**
     * ...and at the latest this long after the first frame it covers was written, once the queue ran empty.
     * Asking at once after every lone frame cost a round trip (a write, the answer read and parsed) per relay
     * at moderate rates, and spread the mailbox's removals over as many commits; waiting this little lets a
     * few deliveries share both. Only the hand-over report waits: the frames themselves are written at once.
     */
    static final Duration CONFIRM_WITHIN = Duration.ofMillis(5);
    /** At most this many written frames wait for their confirmation; then writing waits. */
    static final int MAX_UNCONFIRMED = 1024;
    /**
     * An idle link asks for a confirmation this often: a dead connection is only noticed when writing to it
     * (the JDK's WebSocket may never report the end of one), and a nym-client that restarted holds our
     * requests until we connect again, so a link that waits for something to write would wait forever.
     */
    static final Duration PROBE_WHEN_IDLE = Duration.ofSeconds(1);
    /** The byte bound of the constructor without one: 64 MiB. */
    static final int DEFAULT_OUTBOUND_BYTES = 64 << 20;
    /** Heap of one queued frame besides its characters: the record, its future, the queue's node. */
    private static final int FRAME_OVERHEAD_BYTES = 128;

    private final URI uri;
    private final int maxInboundBytes;
    private final ReconnectBackoff backoff;
    private final LinkedBlockingDeque<OutboundFrame> outbound;
    private final int outboundCapacity;
    private final int maxOutboundBytes;
    private final Semaphore outboundBytes;
    // The client's own thread reads the socket and runs the listener itself (a direct executor): handing each
    // frame on to a worker pool cost a thread switch per message. The listener never blocks (the pipeline
    // queues requests and refuses beyond its bounds), so the reading thread is never held up.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Runnable::run).build();
    private final Object addressLock = new Object();
    private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
    private volatile NymAddress selfAddress;
    private volatile NymClientConnection connection;
    private volatile boolean running;
    private Thread owner;

    /** A link that backs off as {@link ExponentialBackoff#DEFAULT} does. */
    public NymClientLink(URI uri, int outboundCapacity, int maxInboundBytes) {
        this(uri, outboundCapacity, maxInboundBytes, ExponentialBackoff.DEFAULT);
    }

    /**
     * @param outboundCapacity messages that may wait to go out; more are refused ({@link OutboundFullException})
     * @param maxInboundBytes  the largest message accepted from the nym-client
     * @param backoff          how to wait between failed connection attempts
     */
    public NymClientLink(URI uri, int outboundCapacity, int maxInboundBytes, ReconnectBackoff backoff) {
        this(uri, outboundCapacity, DEFAULT_OUTBOUND_BYTES, maxInboundBytes, backoff);
    }

    /** @param maxOutboundBytes heap the queued (and unconfirmed) frames may hold together; more are refused */
    public NymClientLink(URI uri, int outboundCapacity, int maxOutboundBytes, int maxInboundBytes,
                         ReconnectBackoff backoff) {
        if (maxOutboundBytes < 1) {
            throw new IllegalArgumentException("maxOutboundBytes must be positive");
        }
        this.uri = uri;
        this.outbound = new LinkedBlockingDeque<>(outboundCapacity);
        this.outboundCapacity = outboundCapacity;
        this.maxOutboundBytes = maxOutboundBytes;
        this.outboundBytes = new Semaphore(maxOutboundBytes);
        this.maxInboundBytes = maxInboundBytes;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    @Override
    public synchronized void start(Consumer<Inbound> inbound) {
        if (running) {
            throw new IllegalStateException("already started");
        }
        running = true;
        owner = Thread.ofPlatform().name("nym-link").daemon().start(() -> run(inbound));
    }

    @Override
    public NymAddress awaitSelfAddress(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (addressLock) {
            while (selfAddress == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                addressLock.wait(left);
            }
            return selfAddress;
        }
    }

    @Override
    public CompletableFuture<Void> reply(SenderTag tag, String message) {
        return enqueue(ClientWire.replyText(tag, message), false);
    }

    @Override
    public CompletableFuture<Void> replyConfirmed(SenderTag tag, String message) {
        return enqueue(ClientWire.replyText(tag, message), true);
    }

    @Override
    public CompletableFuture<Void> sendAnonymous(NymAddress recipient, String message, int replySurbs) {
        return enqueue(new ClientRequest.SendAnonymous(recipient, utf8(message), replySurbs, null), false);
    }

    @Override
    public CompletableFuture<Void> send(NymAddress recipient, String message) {
        return enqueue(new ClientRequest.Send(recipient, utf8(message), null), false);
    }

    private CompletableFuture<Void> enqueue(ClientRequest request, boolean confirm) {
        return enqueue(ClientWire.toText(request), confirm);
    }

    private CompletableFuture<Void> enqueue(String frame, boolean confirm) {
        OutboundFrame out = new OutboundFrame(frame, new CompletableFuture<>(), confirm);
        // Two bytes a character: a frame with any character beyond Latin-1 is stored in UTF-16.
        int bytes = (int) Math.min(maxOutboundBytes, FRAME_OVERHEAD_BYTES + 2L * out.text().length());
        if (!outboundBytes.tryAcquire(bytes)) {
            out.written().completeExceptionally(new OutboundFullException(maxOutboundBytes + " bytes"));
            return out.written();
        }
        out.written().whenComplete((ok, failure) -> outboundBytes.release(bytes)); // written, failed or cancelled
        if (!outbound.offer(out)) {
            out.written().completeExceptionally(new OutboundFullException(outboundCapacity));
        }
        return out.written();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isConnected() {
        NymClientConnection c = connection;
        return c != null && !c.isClosed();
    }

    @Override
    public long connections() {
        return connections.get();
    }

    @Override
    public int queuedOutbound() {
        return outbound.size();
    }

    /** Heap the queued and unconfirmed frames hold, as the byte bound counts it. */
    public long queuedOutboundBytes() {
        return maxOutboundBytes - outboundBytes.availablePermits();
    }

    private int unconfirmed() {
        NymClientConnection c = connection;
        return c == null ? 0 : c.ledger().size();
    }

    @Override
    public void close() {
        // Give queued messages a moment to leave while connected, then stop.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while ((!outbound.isEmpty() || unconfirmed() > 0) && isConnected() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        Thread t = owner;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!outbound.isEmpty()) {
            log.warn("nym-client link closed with {} messages not sent", outbound.size());
            OutboundFrame left;
            while ((left = outbound.poll()) != null) {
                left.written().cancel(false);
            }
        }
    }

    private void run(Consumer<Inbound> inbound) {
        int failures = 0;
        long lastWarn = 0; // monotonic: only spaces out the warnings
        while (running) {
            NymClientConnection c = new NymClientConnection(inbound, this::onSelfAddress, maxInboundBytes,
                    MAX_UNCONFIRMED, SEND_TIMEOUT);
            try {
                c.open(http, uri);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures++;
                long now = System.nanoTime();
                if (failures == 1 || now - lastWarn > TimeUnit.SECONDS.toNanos(30)) {
                    log.warn("nym-client at {} not reachable yet ({} attempts, {} queued): {}",
                            uri, failures, outbound.size(), e.toString());
                    lastWarn = now;
                }
                try {
                    backoff.pause(failures);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            log.info("connected to nym-client at {} after {} failed attempts", uri, failures);
            connections.incrementAndGet();
            failures = 0;
            connection = c;
            writeUntilClosed(c);
            connection = null;
            c.close();
            requeue(c.end());
            if (running) {
                log.warn("lost the nym-client link ({} messages queued); reconnecting", outbound.size());
            }
        }
    }

    private void writeUntilClosed(NymClientConnection c) {
        ConfirmationLedger ledger = c.ledger();
        try {
            while (running && !c.isClosed()) {
                if (!ledger.awaitRoom(SEND_TIMEOUT, c::isClosed)) {
                    log.warn("the nym-client confirmed nothing for {} s; reconnecting", SEND_TIMEOUT.toSeconds());
                    break;
                }
                if (ledger.oldestUnansweredNanos() > SEND_TIMEOUT.toNanos()) {
                    log.warn("the nym-client answered nothing for {} s; reconnecting", SEND_TIMEOUT.toSeconds());
                    break;
                }
                long confirmIn = ledger.sinceConfirmation() == 0 ? TimeUnit.MILLISECONDS.toNanos(200)
                        : Math.max(0, CONFIRM_WITHIN.toNanos() - ledger.sinceConfirmationNanos());
                OutboundFrame frame = outbound.poll(confirmIn, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    if (ledger.sinceConfirmation() > 0 || c.idleNanos() > PROBE_WHEN_IDLE.toNanos()) {
                        c.askConfirmation(); // also how a dead connection shows: the write fails
                    }
                    continue;
                }
                c.write(frame);
                int waiting = ledger.sinceConfirmation();
                if (waiting >= CONFIRM_EVERY || waiting > 0 && outbound.isEmpty()
                        && ledger.sinceConfirmationNanos() >= CONFIRM_WITHIN.toNanos()) {
                    c.askConfirmation();
                }
            }
        } catch (InterruptedException e) {
            return; // closing: the caller puts back what was not confirmed
        } catch (ExecutionException | TimeoutException e) {
            log.debug("writing to the nym-client failed: {}", e.toString());
        }
        c.abort();
    }

    /**
     * Frames that were written but not confirmed go back to the head of the line, in their order, for the
     * next connection.
     */
    private void requeue(List<OutboundFrame> frames) {
        if (!frames.isEmpty()) {
            log.info("{} messages written but not confirmed by the nym-client go out again", frames.size());
        }
        for (int i = frames.size() - 1; i >= 0; i--) {
            OutboundFrame frame = frames.get(i);
            if (!outbound.offerFirst(frame)) {
                log.error("outbound queue full while the link failed; one message dropped");
                frame.written().completeExceptionally(new OutboundFullException(outboundCapacity));
            }
        }
    }

    private void onSelfAddress(NymAddress address) {
        synchronized (addressLock) {
            if (selfAddress != null && !selfAddress.equals(address)) {
                log.warn("the nym-client's address changed: it now is {}", address);
            }
            selfAddress = address;
            addressLock.notifyAll();
        }
    }
}
