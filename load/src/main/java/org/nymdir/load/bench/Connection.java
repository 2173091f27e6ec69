package org.nymdir.load.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;

/**
 * One chat client of the bench: a WebSocket to the mixnet's clients port, so one client run and one sender
 * tag towards the directory. Several bench users may share it (their stored tag is this connection's).
 *
 * <p>The directory handles one tag's requests in order and the local mixnet keeps order at zero latency, so
 * replies to this connection's requests come back in the order they were sent: each is matched to the oldest
 * request still waiting. Relayed messages for users on this connection arrive in between and are told apart
 * by their action.
 */
final class Connection implements WebSocket.Listener {
    /** A request waiting for its reply. */
    record Pending(Kind kind, int id, long sentNanos) {
    }

    enum Kind { REGISTER, REGISTRATION_RESPONSE, QUERY, SEND }

    /** Gets every reply and delivery; called on the WebSocket's thread, one message at a time per connection. */
    interface Handler {
        void reply(Connection connection, Pending request, String envelope, long nowNanos);

        void delivery(Connection connection, String envelope, long nowNanos);

        /** A reply with no request waiting for it, or a frame that is not a message. */
        void unexpected(Connection connection, String what);
    }

    static final String INCOMING = "{\"action\": \"incomingMessage\"";

    /** Until a phase takes over: nothing should arrive before the first request. */
    private static final Handler IGNORE = new Handler() {
        @Override
        public void reply(Connection connection, Pending request, String envelope, long nowNanos) {
        }

        @Override
        public void delivery(Connection connection, String envelope, long nowNanos) {
        }

        @Override
        public void unexpected(Connection connection, String what) {
        }
    };

    final int index;
    private final NymAddress directory;
    private final int replySurbs;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Handler handler;
    private WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Connection(int index, NymAddress directory, int replySurbs) {
        this.index = index;
        this.directory = directory;
        this.replySurbs = replySurbs;
    }

    static Connection open(HttpClient http, URI clientsUrl, int index, NymAddress directory, int replySurbs,
                           Handler handler) {
        Connection c = new Connection(index, directory, replySurbs);
        c.handler = handler != null ? handler : IGNORE;
        c.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(clientsUrl, c).orTimeout(20, TimeUnit.SECONDS).join();
        // a text frame first: the mixnet then pushes messages to us as text
        c.sendFrame(ClientWire.toText(new ClientRequest.SelfAddress()));
        return c;
    }

    void handler(Handler h) {
        handler = h;
    }

    /** The nym-client frame that carries {@code requestJson} to the directory, with reply SURBs as nymCHAT. */
    String frameFor(String requestJson) {
        return ClientWire.toText(new ClientRequest.SendAnonymous(directory,
                requestJson.getBytes(StandardCharsets.UTF_8), replySurbs, null));
    }

    /** Sends a prepared frame and remembers what reply it waits for. */
    void send(String frame, Kind kind, int id) {
        synchronized (this) {
            waiting.add(new Pending(kind, id, System.nanoTime()));
            sendFrame(frame);
        }
    }

    /** Requests waiting for their reply on this connection. */
    synchronized int waiting() {
        return waiting.size();
    }

    private synchronized void sendFrame(String frame) {
        // java.net.http allows one send at a time per socket: chain them
        sending = sending.thenCompose(v -> socket.sendText(frame, true));
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            dispatch(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void dispatch(String frame) {
        long now = System.nanoTime();
        ServerResponse response;
        try {
            response = ClientWire.fromText(frame);
        } catch (WireException e) {
            handler.unexpected(this, "unreadable frame: " + e.getMessage());
            return;
        }
        if (!(response instanceof ServerResponse.Received received)) {
            if (!(response instanceof ServerResponse.SelfAddressResponse)) {
                handler.unexpected(this, response.getClass().getSimpleName());
            }
            return;
        }
        String envelope = new String(received.message(), StandardCharsets.UTF_8);
        if (envelope.startsWith(INCOMING)) {
            handler.delivery(this, envelope, now);
            return;
        }
        Pending request;
        synchronized (this) {
            request = waiting.poll();
        }
        if (request == null) {
            handler.unexpected(this, "a reply with no request waiting");
        } else {
            handler.reply(this, request, envelope, now);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        handler.unexpected(this, "binary frame");
        webSocket.request(1);
        return null;
    }

    void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // going away anyway
        }
        socket.abort();
    }
}
