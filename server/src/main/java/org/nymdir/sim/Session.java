package org.nymdir.sim;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.sim.wire.ServerWire;

/**
 * One WebSocket connection to a virtual client. Remembers the frame type of the last request, which is how
 * nym-client frames pushed {@code received} messages (binary until the user sends a text frame, reference A.1).
 */
final class Session {
    final WebSocket socket;
    final VirtualClient client;
    final ClientRun run;

    /** Loop thread only: push {@code received} as text frames. */
    boolean textMode;

    Session(WebSocket socket, VirtualClient client, ClientRun run, boolean textMode) {
        this.socket = socket;
        this.client = client;
        this.run = run;
        this.textMode = textMode;
    }

    /** Answers a request in the request's own frame type. */
    void respond(ServerResponse response, boolean text) {
        try {
            if (text) {
                socket.send(ServerWire.toText(response));
            } else {
                socket.send(ServerWire.toBinary(response));
            }
        } catch (WebsocketNotConnectedException e) {
            // the user went away; nym-client would just end the handler
        }
    }

    /** Pushes a message from the mixnet in the current framing mode. */
    void push(ServerResponse.Received received) {
        respond(received, textMode);
    }
}
