package org.nymdir.mixnet.wire;

import java.nio.charset.StandardCharsets;
import org.nymdir.mixnet.addressing.SenderTag;

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

    /**
     * The text frame of a reply carrying {@code message}'s UTF-8: the same frame as {@link #toText} of a
     * {@link ClientRequest.Reply} with {@code message.getBytes(UTF_8)}, without the trip through bytes (the
     * frame for every reply the directory sends).
     */
    public static String replyText(SenderTag tag, String message) {
        String direct = TextRequestEncoder.replyFromText(tag, message);
        return direct != null ? direct
                : toText(new ClientRequest.Reply(tag, message.getBytes(StandardCharsets.UTF_8), null));
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
