package org.nymdir.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening port of the local mixnet: the service port (one client, like a real nym-client) or the clients
 * port (a client per connection). Translates Java-WebSocket's callbacks for {@link Sessions}.
 */
final class ClientSocketServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSocketServer.class);

    enum Role { SERVICE, CLIENTS }

    /** What the server asks of the simulator. */
    interface Host {
        /** Why a new service-port TCP connection must be cut before its handshake, or null to accept it. */
        String refuseServiceConnection();

        void refusedAtTcp(String reason);

        /** Binds the connection to a virtual client, or refuses it by throwing. */
        void claim(Role role, WebSocket conn, String resource) throws InvalidDataException;

        void opened(WebSocket conn);

        void closed(WebSocket conn);

        /** Every claimed connection ends here once, whether or not its handshake completed. */
        void released(WebSocket conn);

        void text(WebSocket conn, String frame);

        void binary(WebSocket conn, ByteBuffer frame);
    }

    private final Role role;
    private final Host host;
    private final CompletableFuture<Integer> started = new CompletableFuture<>();

    ClientSocketServer(Role role, InetSocketAddress address, Host host) {
        // frames over the hard limit close the connection (1009), as nym-client's WebSocket library does
        super(address, 1, List.<Draft>of(new Draft_6455(List.of(), SimConfig.HARD_FRAME_LIMIT)));
        this.role = role;
        this.host = host;
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0); // nym-client sends no pings of its own
    }

    CompletableFuture<Integer> started() {
        return started;
    }

    /**
     * A busy or refusing service port cuts the TCP connection before any handshake, as nym-client does. We accept
     * and reset it ourselves and return true: returning false would make Java-WebSocket cancel the listening key,
     * and the port would never accept again. The library's own accept then finds no connection and returns.
     */
    @Override
    protected boolean onConnect(SelectionKey key) {
        String reason = role == Role.SERVICE ? host.refuseServiceConnection() : null;
        if (reason != null) {
            try {
                SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
                if (channel != null) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0); // reset, not a polite close
                    channel.close();
                    host.refusedAtTcp(reason);
                }
            } catch (IOException e) {
                LOG.debug("refusing a service connection failed: {}", e.toString());
            }
        }
        return true;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        host.claim(role, conn, request.getResourceDescriptor());
        return response;
    }

    @Override
    protected boolean removeConnection(WebSocket conn) {
        host.released(conn);
        return super.removeConnection(conn);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        host.opened(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        host.closed(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        host.text(conn, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        host.binary(conn, message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            // Failed to bind (whoever waits for the start reports that, naming the port) or, once listening,
            // the selector died: only the latter is news.
            if (!started.completeExceptionally(ex)) {
                LOG.error("{} port failed: {}", role.name().toLowerCase(), ex.toString());
            }
        } else {
            LOG.debug("connection error: {}", ex.toString());
        }
    }

    @Override
    public void onStart() {
        started.complete(getPort());
    }
}
