package org.nymdir.sim;

import static org.nymdir.sim.Counters.Name.ACTIVE_CONNECTIONS;
import static org.nymdir.sim.Counters.Name.CONNECTIONS;
import static org.nymdir.sim.Counters.Name.CONNECTIONS_REFUSED;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ErrorKind;
import org.nymdir.mixnet.wire.WireException;
import org.nymdir.sim.wire.ServerWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds WebSocket connections to virtual clients (one connection per client at a time), decodes their frames on
 * the WebSocket threads, and hands everything to the {@link Router} on the loop, in arrival order.
 */
final class Sessions implements ClientSocketServer.Host {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final AddressBook book;
    private final Router router;
    private final SimLoop loop;
    private final Counters counters;
    private final ClientRun serviceRun;
    private final boolean textMode;
    private final int maxFrameBytes;
    private final Supplier<Faults> faults;
    private static final String BUSY = "busy";
    private static final String AWAY = "away";

    private volatile long refuseUntilNanos = Long.MIN_VALUE;
    private volatile boolean refusing;

    Sessions(SimConfig config, AddressBook book, Router router, SimLoop loop, Counters counters, ClientRun serviceRun,
            Supplier<Faults> faults) {
        this.book = book;
        this.router = router;
        this.loop = loop;
        this.counters = counters;
        this.serviceRun = serviceRun;
        this.textMode = config.textMode();
        this.maxFrameBytes = config.maxFrameBytes();
        this.faults = faults;
    }

    /** Refuse new service-port connections for a while (monotonic real time), as if no nym-client were listening. */
    void refuseService(long nanos) {
        refuseUntilNanos = System.nanoTime() + nanos;
        refusing = true;
    }

    private boolean serviceRefusing() {
        if (refusing && System.nanoTime() - refuseUntilNanos < 0) {
            return true;
        }
        refusing = false;
        return false;
    }

    @Override
    public String refuseServiceConnection() {
        if (serviceRefusing()) {
            return AWAY;
        }
        return book.service().owner.get() != null ? BUSY : null;
    }

    @Override
    public void refusedAtTcp(String reason) {
        counters.inc(CONNECTIONS_REFUSED);
        if (reason.equals(BUSY)) {
            LOG.warn("refused a second connection to the service client"); // nym-client logs a warning too
        } else {
            LOG.debug("refused a service connection: the service client is away");
        }
    }

    @Override
    public void claim(ClientSocketServer.Role role, WebSocket conn, String resource) throws InvalidDataException {
        VirtualClient client;
        try {
            client = role == ClientSocketServer.Role.SERVICE ? serviceClient() : clientFor(resource);
        } catch (IllegalArgumentException e) {
            counters.inc(CONNECTIONS_REFUSED);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, e.getMessage());
        }
        if (!client.owner.compareAndSet(null, conn)) {
            // the name is only known from the request line, so this refusal comes during the handshake
            counters.inc(CONNECTIONS_REFUSED);
            LOG.warn("refused a second connection to {}", client);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "this client already has a connection");
        }
        ClientRun run = client.kind == VirtualClient.Kind.SERVICE ? serviceRun : new ClientRun(client.address);
        conn.setAttachment(new Session(conn, client, run, textMode));
    }

    private VirtualClient serviceClient() {
        if (serviceRefusing()) {
            throw new IllegalArgumentException("the service client is not listening");
        }
        return book.service();
    }

    private VirtualClient clientFor(String resource) {
        String id = queryParameter(resource, "id");
        return id == null || id.isEmpty() ? book.ephemeral() : book.named(id);
    }

    static String queryParameter(String resource, String name) {
        int q = resource == null ? -1 : resource.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : resource.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void opened(WebSocket conn) {
        Session s = conn.getAttachment();
        counters.inc(CONNECTIONS);
        counters.inc(ACTIVE_CONNECTIONS);
        loop.execute(() -> router.opened(s));
    }

    @Override
    public void closed(WebSocket conn) {
        counters.add(ACTIVE_CONNECTIONS, -1);
    }

    @Override
    public void released(WebSocket conn) {
        Session s = conn.getAttachment();
        if (s != null && s.client.owner.compareAndSet(conn, null)) {
            loop.execute(() -> router.closed(s));
        }
    }

    @Override
    public void text(WebSocket conn, String frame) {
        Session s = conn.getAttachment();
        int size = frame.length() > limit() / 3 ? frame.getBytes(StandardCharsets.UTF_8).length : frame.length();
        WireException tooBig = oversize(size);
        if (tooBig != null) {
            loop.execute(() -> router.rejected(s, true, tooBig));
            return;
        }
        try {
            ClientRequest request = ServerWire.fromText(frame);
            loop.execute(() -> router.request(s, true, request));
        } catch (WireException e) {
            loop.execute(() -> router.rejected(s, true, e));
        }
    }

    @Override
    public void binary(WebSocket conn, ByteBuffer frame) {
        Session s = conn.getAttachment();
        WireException tooBig = oversize(frame.remaining());
        if (tooBig != null) {
            loop.execute(() -> router.rejected(s, false, tooBig));
            return;
        }
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        try {
            ClientRequest request = ServerWire.fromBinary(bytes);
            loop.execute(() -> router.request(s, false, request));
        } catch (WireException e) {
            loop.execute(() -> router.rejected(s, false, e));
        }
    }

    private int limit() {
        int knob = faults.get().maxMessageBytes();
        return knob > 0 ? Math.min(knob, maxFrameBytes) : maxFrameBytes;
    }

    /**
     * nym-client has no message size limit of its own (its WebSocket library just drops the connection over
     * 16 MiB). We answer instead, so tests of size limits keep their connection: MalformedRequest, our wording.
     */
    private WireException oversize(int size) {
        int limit = limit();
        return size <= limit ? null : new WireException(ErrorKind.MALFORMED_REQUEST,
                "request of " + size + " bytes exceeds the maximum message size of " + limit + " bytes");
    }
}
