package org.nymdir.mixnet.wire;

/**
 * The client half of the nym-client WebSocket API: what a program talking <em>to</em> a nym-client needs.
 * Encode a request as a text or a binary frame; decode whatever frame comes back.
 *
 * <pre>{@code
 * ws.sendText(ClientWire.toText(new ClientRequest.SelfAddress()), true);
 * ServerResponse r = ClientWire.fromText(frameText);          // or fromBinary(frameBytes)
 * }</pre>
 *
 * <p>Remember the framing quirk (reference A.1): a nym-client pushes {@code received} messages as binary frames
 * until its user sends a text frame, so a client must accept both kinds whatever it sends.
 */
public final class ClientWire {
    private ClientWire() {
    }

    /**
     * The JSON text frame for a request.
     *
     * @throws IllegalArgumentException for {@code closedConnection} and {@code getLaneQueueLength}, which exist
     *     only in binary, and for a message that is not valid UTF-8 (text mode cannot carry it)
     */
    public static String toText(ClientRequest request) {
        return TextRequestEncoder.encode(request);
    }

    /** The binary frame for a request. A {@code null} connection id is written as 0 ("none"). */
    public static byte[] toBinary(ClientRequest request) {
        return BinaryRequestEncoder.encode(request);
    }

    /** Decodes a text frame from a nym-client. */
    public static ServerResponse fromText(String frame) throws WireException {
        return TextResponseDecoder.decode(frame);
    }

    /** Decodes a binary frame from a nym-client. */
    public static ServerResponse fromBinary(byte[] frame) throws WireException {
        return BinaryResponseDecoder.decode(frame);
    }
}
