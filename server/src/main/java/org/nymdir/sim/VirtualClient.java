package org.nymdir.sim;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.wire.ServerResponse;

/**
 * One simulated nym-client: an address, at most one WebSocket at a time, and the messages that arrived while
 * nobody was connected (the gateway's hold, reference E.3).
 */
final class VirtualClient {
    enum Kind { SERVICE, NAMED, EPHEMERAL }

    final NymAddress address;
    final Kind kind;
    final String name;

    /** The connection holding this client; claimed during the handshake, from the WebSocket threads. */
    final AtomicReference<WebSocket> owner = new AtomicReference<>();

    // loop thread only
    Session session;
    ClientRun run;
    final ArrayDeque<ServerResponse.Received> hold = new ArrayDeque<>();
    long heldBytes;

    VirtualClient(NymAddress address, Kind kind, String name) {
        this.address = address;
        this.kind = kind;
        this.name = name;
    }

    @Override
    public String toString() {
        return kind == Kind.NAMED ? "client '" + name + "'" : kind.name().toLowerCase() + " client";
    }
}
