package org.nymdir.mixnet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MixnetLink} over a nym-client's WebSocket API, with the JDK's WebSocket client.
 *
 * <p>Copes with what a real nym-client does: its port opens only once it reached its gateway (we retry with
 * backoff), it accepts one connection at a time, it pushes received messages as binary frames until we send
 * a text frame (we accept both), and it may go away at any time. One thread owns the connection: it
 * connects, asks for our address, then writes queued messages one by one. Outgoing messages wait in a
 * bounded queue meanwhile.
 *
 * <p>A frame written to the socket is not yet a frame the nym-client has: when the connection dies, what was
 * still in flight is gone, and a nym-client never tells. Replies ({@link #reply}) are written once, as a
 * nym-client user expects: one request, one answer. Messages that must not be lost ({@link #replyConfirmed})
 * count as handed over only once the nym-client answered a {@code selfAddress} request written after them (it
 * handles the requests of a connection in order); we ask whenever the queue runs empty, and every
 * {@value #CONFIRM_EVERY} such messages. When the socket dies, every unconfirmed one goes back to the head of
 * the queue, in order, for the next connection: it may reach the mixnet twice, never zero times.
 */
public final class NymClientLink implements MixnetLink {
    private static final Logger log = LoggerFactory.getLogger(NymClientLink.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** A confirmation ({@code selfAddress}) is asked for after at most this many frames. */
    static final int CONFIRM_EVERY = 64;
    /** At most this many written frames wait for their confirmation; then writing waits. */
    static final int MAX_UNCONFIRMED = 1024;
    /**
     * An idle link asks for a confirmation this often: a dead connection is only noticed when writing to it
     * (the JDK's WebSocket may never report the end of one), and a nym-client that restarted holds our
     * requests until we connect again, so a link that waits for something to write would wait forever.
     */
    static final Duration PROBE_WHEN_IDLE = Duration.ofSeconds(1);

    private final URI uri;
    private final int maxInboundBytes;
    private final LinkedBlockingDeque<Outgoing> outbound;
    private final int outboundCapacity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Object addressLock = new Object();
    private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
    private volatile NymAddress selfAddress;
    private volatile Session session;
    private volatile boolean running;
    private Thread owner;

    public NymClientLink(URI uri, int outboundCapacity, int maxInboundBytes) {
        this.uri = uri;
        this.outbound = new LinkedBlockingDeque<>(outboundCapacity);
        this.outboundCapacity = outboundCapacity;
        this.maxInboundBytes = maxInboundBytes;
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
        return enqueue(new ClientRequest.Reply(tag, utf8(message), null));
    }

    @Override
    public CompletableFuture<Void> replyConfirmed(SenderTag tag, String message) {
        return enqueue(new ClientRequest.Reply(tag, utf8(message), null), true);
    }

    @Override
    public CompletableFuture<Void> sendAnonymous(NymAddress recipient, String message, int replySurbs) {
        return enqueue(new ClientRequest.SendAnonymous(recipient, utf8(message), replySurbs, null));
    }

    @Override
    public CompletableFuture<Void> send(NymAddress recipient, String message) {
        return enqueue(new ClientRequest.Send(recipient, utf8(message), null));
    }

    /** A text frame waiting to be written, who to tell when it was, and whether that waits for a confirmation. */
    private record Outgoing(String frame, CompletableFuture<Void> written, boolean confirm) {
    }

    private CompletableFuture<Void> enqueue(ClientRequest request) {
        return enqueue(request, false);
    }

    private CompletableFuture<Void> enqueue(ClientRequest request, boolean confirm) {
        Outgoing out = new Outgoing(ClientWire.toText(request), new CompletableFuture<>(), confirm);
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
        Session s = session;
        return s != null && !s.closed.isDone();
    }

    @Override
    public long connections() {
        return connections.get();
    }

    @Override
    public int queuedOutbound() {
        return outbound.size();
    }

    private int unconfirmed() {
        Session s = session;
        return s == null ? 0 : s.unconfirmedCount();
    }

    @Override
    public void close() {
        // Give queued messages a moment to leave while connected, then stop.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while ((!outbound.isEmpty() || unconfirmed() > 0) && isConnected() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
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
            Outgoing left;
            while ((left = outbound.poll()) != null) {
                left.written().cancel(false);
            }
        }
    }

    private void run(Consumer<Inbound> inbound) {
        Duration backoff = MIN_BACKOFF;
        int failures = 0;
        long lastWarn = 0;
        while (running) {
            Session s;
            try {
                s = connect(inbound);
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
                if (!sleep(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                continue;
            }
            log.info("connected to nym-client at {} after {} failed attempts", uri, failures);
            connections.incrementAndGet();
            failures = 0;
            backoff = MIN_BACKOFF;
            session = s;
            writeUntilClosed(s);
            session = null;
            s.close();
            requeue(s.end());
            if (running) {
                log.warn("lost the nym-client link ({} messages queued); reconnecting", outbound.size());
            }
        }
    }

    private Session connect(Consumer<Inbound> inbound) throws Exception {
        Session s = new Session(inbound);
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, s).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new java.io.IOException(e.getCause() == null ? e.toString() : e.getCause().toString());
        }
        s.ws = ws;
        // Our first frame is text, which also switches the nym-client to text framing.
        s.askConfirmation();
        return s;
    }

    private void writeUntilClosed(Session s) {
        try {
            while (running && !s.closed.isDone()) {
                if (!s.awaitRoomToWrite()) {
                    log.warn("the nym-client confirmed nothing for {} s; reconnecting", SEND_TIMEOUT.toSeconds());
                    break;
                }
                if (s.oldestUnansweredAge() > SEND_TIMEOUT.toNanos()) {
                    log.warn("the nym-client answered nothing for {} s; reconnecting", SEND_TIMEOUT.toSeconds());
                    break;
                }
                Outgoing frame = outbound.poll(200, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    if (s.idleNanos() > PROBE_WHEN_IDLE.toNanos()) {
                        s.askConfirmation(); // also how a dead connection shows: the write fails
                    }
                    continue;
                }
                s.write(frame);
                int waiting = s.sinceConfirmation();
                if (waiting > 0 && (outbound.isEmpty() || waiting >= CONFIRM_EVERY)) {
                    s.askConfirmation();
                }
            }
        } catch (InterruptedException e) {
            return; // closing: the caller puts back what was not confirmed
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            log.debug("writing to the nym-client failed: {}", e.toString());
        }
        s.ws.abort();
        s.closed.complete(null);
    }

    /**
     * Frames that were written but not confirmed go back to the head of the line, in their order, for the
     * next connection.
     */
    private void requeue(java.util.List<Outgoing> frames) {
        if (!frames.isEmpty()) {
            log.info("{} messages written but not confirmed by the nym-client go out again", frames.size());
        }
        for (int i = frames.size() - 1; i >= 0; i--) {
            Outgoing frame = frames.get(i);
            if (!outbound.offerFirst(frame)) {
                log.error("outbound queue full while the link failed; one message dropped");
                frame.written().completeExceptionally(new OutboundFullException(outboundCapacity));
            }
        }
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
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

    @FunctionalInterface
    private interface FrameDecoder {
        ServerResponse decode() throws WireException;
    }

    /** One WebSocket connection: collects frames (text or binary, possibly fragmented) into messages. */
    private final class Session implements WebSocket.Listener {
        private final Consumer<Inbound> inbound;
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        private boolean oversize;
        volatile WebSocket ws;
        // Written frames waiting for the nym-client's confirmation, and how many frames each confirmation
        // asked for (in order) covers. Guarded by the lock; the writer adds, the listener confirms.
        private final Object lock = new Object();
        private final java.util.ArrayDeque<Outgoing> unconfirmed = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Integer> confirmations = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Long> askedAt = new java.util.ArrayDeque<>();
        private int sinceConfirmation;
        private volatile long lastWriteNanos = System.nanoTime();
        private boolean ended;

        Session(Consumer<Inbound> inbound) {
            this.inbound = inbound;
        }

        /**
         * Writes a frame. One that waits for a confirmation stays unconfirmed until the answer to a later
         * {@link #askConfirmation}; any other is done once written (or, if the write fails, goes out again).
         */
        void write(Outgoing frame) throws InterruptedException, java.util.concurrent.ExecutionException,
                TimeoutException {
            synchronized (lock) {
                unconfirmed.add(frame);
                if (frame.confirm()) {
                    sinceConfirmation++;
                }
            }
            lastWriteNanos = System.nanoTime();
            ws.sendText(frame.frame(), true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!frame.confirm()) {
                synchronized (lock) {
                    unconfirmed.removeLastOccurrence(frame);
                }
                frame.written().complete(null);
            }
        }

        /** Asks for our address: the answer confirms every frame written before it. */
        void askConfirmation() throws InterruptedException, java.util.concurrent.ExecutionException,
                TimeoutException {
            long now = System.nanoTime();
            synchronized (lock) {
                confirmations.add(sinceConfirmation);
                askedAt.add(now);
                sinceConfirmation = 0;
            }
            lastWriteNanos = now;
            ws.sendText(ClientWire.toText(new ClientRequest.SelfAddress()), true)
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        long idleNanos() {
            return System.nanoTime() - lastWriteNanos;
        }

        /** How long the oldest confirmation asked for has gone unanswered; 0 when none is outstanding. */
        long oldestUnansweredAge() {
            synchronized (lock) {
                Long oldest = askedAt.peek();
                return oldest == null ? 0 : System.nanoTime() - oldest;
            }
        }

        int sinceConfirmation() {
            synchronized (lock) {
                return sinceConfirmation;
            }
        }

        int unconfirmedCount() {
            synchronized (lock) {
                return unconfirmed.size();
            }
        }

        /** Waits while too many frames are unconfirmed; false if no confirmation came in time. */
        boolean awaitRoomToWrite() throws InterruptedException {
            long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
            synchronized (lock) {
                while (unconfirmed.size() >= MAX_UNCONFIRMED && !closed.isDone()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    lock.wait(Math.min(left, 200));
                }
                return true;
            }
        }

        /** The nym-client answered a selfAddress: the frames written before that request reached it. */
        private void confirmed() {
            java.util.List<Outgoing> done = new java.util.ArrayList<>();
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
            done.forEach(o -> o.written().complete(null));
        }

        /** The connection is over: returns the frames it never confirmed, oldest first. */
        java.util.List<Outgoing> end() {
            synchronized (lock) {
                ended = true;
                java.util.List<Outgoing> left = new java.util.ArrayList<>(unconfirmed);
                unconfirmed.clear();
                return left;
            }
        }

        /** Says goodbye properly when we can (a nym-client then accepts the next connection at once). */
        void close() {
            if (!closed.isDone()) {
                try {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.debug("no clean close: {}", e.toString());
                }
            }
            ws.abort();
            closed.complete(null);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!oversize && text.length() + data.length() <= maxInboundBytes) {
                text.append(data);
            } else {
                oversize = true;
            }
            if (last) {
                if (!oversize) {
                    dispatch(() -> ClientWire.fromText(text.toString()));
                } else {
                    log.warn("dropped an oversize text frame from the nym-client");
                }
                text.setLength(0);
                oversize = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (!oversize && binary.size() + data.remaining() <= maxInboundBytes) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                binary.writeBytes(chunk);
            } else {
                oversize = true;
            }
            if (last) {
                if (!oversize) {
                    dispatch(() -> ClientWire.fromBinary(binary.toByteArray()));
                } else {
                    log.warn("dropped an oversize binary frame from the nym-client");
                }
                binary.reset();
                oversize = false;
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(FrameDecoder decoder) {
            ServerResponse response;
            try {
                response = decoder.decode();
            } catch (WireException e) {
                log.warn("unreadable frame from the nym-client: {}", e.getMessage());
                return;
            }
            switch (response) {
                case ServerResponse.Received r -> {
                    try {
                        inbound.accept(new Inbound(r.senderTag(), r.message()));
                    } catch (RuntimeException e) {
                        log.error("inbound handler failed", e);
                    }
                }
                case ServerResponse.SelfAddressResponse a -> {
                    onSelfAddress(a.address());
                    confirmed();
                }
                case ServerResponse.Error e -> log.warn("nym-client reported an error: {}", e.message());
                case ServerResponse.LaneQueueLength l -> log.debug("lane {} queue length {}", l.lane(), l.queueLength());
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            log.debug("nym-client WebSocket error: {}", error.toString());
            closed.complete(null);
        }
    }
}
