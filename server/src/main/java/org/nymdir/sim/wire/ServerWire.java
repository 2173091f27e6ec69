package org.nymdir.sim.wire;

import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;

/**
 * The server half of the nym-client WebSocket API: what a nym-client (or the local mixnet) needs. Decode a
 * request frame with nym-client's exact error texts; encode responses as text or binary frames.
 *
 * <p>On a decode failure, answer with {@link WireException#toResponse()} in the request's frame type: that is the
 * {@code error} a real nym-client sends, and the connection stays up.
 */
public final class ServerWire {
    private ServerWire() {
    }

    /** Decodes a text request like nym-client: serde_json wording for JSON errors, then recipient/tag errors. */
    public static ClientRequest fromText(String frame) throws WireException {
        return TextRequestDecoder.decode(frame);
    }

    /** Decodes a binary request like nym-client. */
    public static ClientRequest fromBinary(byte[] frame) throws WireException {
        return BinaryRequestDecoder.decode(frame);
    }

    /** The JSON text frame for a response, byte for byte what serde_json writes. */
    public static String toText(ServerResponse response) {
        return TextResponseEncoder.encode(response);
    }

    /** The binary frame for a response. */
    public static byte[] toBinary(ServerResponse response) {
        return BinaryResponseEncoder.encode(response);
    }
}
