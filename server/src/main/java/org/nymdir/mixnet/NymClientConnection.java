package org.nymdir.mixnet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the nym-client, from open to close. Owns the socket, the connection's
 * {@link ConfirmationLedger} and its {@link FrameAssembler}, and routes what the nym-client sends: received
 * messages to the link's inbound handler, answers to {@code selfAddress} to the link (our address) and to the
 * ledger (they are the confirmations). Writes come from the link's thread only, one at a time; callbacks come
 * on the socket's thread.
 */
final class NymClientConnection implements WebSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(NymClientConnection.class);
    private static final String SELF_ADDRESS = ClientWire.toText(new ClientRequest.SelfAddress());

    private final Consumer<Inbound> inbound;
    private final Consumer<NymAddress> selfAddress;
    private final Duration sendTimeout;
    private final ConfirmationLedger ledger;
    private final FrameAssembler frames;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket ws;
    // Monotonic: how long nothing was written, to probe an idle connection; no wall clock involved.
    private volatile long lastWriteNanos = System.nanoTime();

    /**
     * @param inbound         gets each message received from the mixnet, on the socket's thread
     * @param selfAddress     gets our address each time the nym-client tells it
     * @param maxInboundBytes the largest message accepted from the nym-client
     * @param maxUnconfirmed  written frames that may wait for their confirmation
     * @param sendTimeout     how long one write may take
     */
    NymClientConnection(Consumer<Inbound> inbound, Consumer<NymAddress> selfAddress, int maxInboundBytes,
                        int maxUnconfirmed, Duration sendTimeout) {
        this.inbound = inbound;
        this.selfAddress = selfAddress;
        this.sendTimeout = sendTimeout;
        this.ledger = new ConfirmationLedger(maxUnconfirmed);
        this.frames = new FrameAssembler(maxInboundBytes, this::dispatch);
    }

    /**
     * Connects to {@code uri} and asks for our address: our first frame is text, which also switches the
     * nym-client to text framing.
     */
    void open(HttpClient http, URI uri) throws IOException, InterruptedException, TimeoutException {
        try {
            ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause() == null ? e.toString() : e.getCause().toString());
        }
        try {
            askConfirmation();
        } catch (ExecutionException e) {
            abort();
            throw new IOException(e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException | TimeoutException e) {
            abort();
            throw e;
        }
    }

    /**
     * Writes a frame. A confirm frame stays in the ledger until the answer to a later {@link #askConfirmation};
     * any other is done once written. If the write fails, the frame stays in the ledger, to go out again.
     */
    void write(OutboundFrame frame) throws InterruptedException, ExecutionException, TimeoutException {
        ledger.writing(frame);
        lastWriteNanos = System.nanoTime();
        ws.sendText(frame.text(), true).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ledger.written(frame);
    }

    /** Asks for our address: the answer confirms every frame written before it. */
    void askConfirmation() throws InterruptedException, ExecutionException, TimeoutException {
        ledger.asking();
        lastWriteNanos = System.nanoTime();
        ws.sendText(SELF_ADDRESS, true).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    ConfirmationLedger ledger() {
        return ledger;
    }

    /** Nanoseconds since the last write (monotonic). */
    long idleNanos() {
        return System.nanoTime() - lastWriteNanos;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the connection at once (no goodbye). */
    void abort() {
        WebSocket s = ws;
        if (s != null) {
            s.abort();
        }
        closed.complete(null);
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
        abort();
    }

    /** The connection is over: the frames it never handed over, oldest first, to go out on the next one. */
    List<OutboundFrame> end() {
        return ledger.end();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        frames.text(data, last);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        frames.binary(data, last);
        webSocket.request(1);
        return null;
    }

    private void dispatch(ServerResponse response) {
        switch (response) {
            case ServerResponse.Received r -> {
                try {
                    inbound.accept(new Inbound(r.senderTag(), r.message()));
                } catch (RuntimeException e) {
                    log.error("inbound handler failed", e);
                }
            }
            case ServerResponse.SelfAddressResponse a -> {
                selfAddress.accept(a.address());
                ledger.answered();
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
