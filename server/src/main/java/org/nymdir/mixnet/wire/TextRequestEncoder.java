package org.nymdir.mixnet.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.nymdir.mixnet.addressing.SenderTag;

/** Writes text requests (reference A.2): {@code "type"} first, then the fields as the reference shows them. */
final class TextRequestEncoder {
    private TextRequestEncoder() {
    }

    static String encode(ClientRequest request) {
        return switch (request) {
            case ClientRequest.Send s -> SerdeJson.object(g -> {
                g.writeStringField("type", "send");
                g.writeStringField("recipient", s.recipient().text());
                g.writeStringField("message", SerdeJson.strictUtf8(s.message(), "message"));
                connectionId(g, s.connectionId());
            });
            case ClientRequest.SendAnonymous s -> SerdeJson.object(g -> {
                g.writeStringField("type", "sendAnonymous");
                g.writeStringField("recipient", s.recipient().text());
                g.writeStringField("message", SerdeJson.strictUtf8(s.message(), "message"));
                g.writeFieldName("replySurbs");
                g.writeNumber(Integer.toUnsignedLong(s.replySurbs()));
                connectionId(g, s.connectionId());
            });
            case ClientRequest.Reply r -> reply(r.senderTag(), SerdeJson.strictUtf8(r.message(), "message"),
                    r.connectionId());
            case ClientRequest.SelfAddress ignored -> SerdeJson.object(g -> g.writeStringField("type", "selfAddress"));
            case ClientRequest.ClosedConnection ignored ->
                    throw new IllegalArgumentException("closedConnection exists only in the binary API");
            case ClientRequest.GetLaneQueueLength ignored ->
                    throw new IllegalArgumentException("getLaneQueueLength exists only in the binary API");
        };
    }

    /**
     * A reply frame straight from the message's text, for text that is well-formed UTF-16 (its UTF-8 is then
     * exactly what {@link #encode} would check and decode back); null for text with a lone surrogate, which
     * must take the byte path (where it becomes '?', as {@code String.getBytes} makes it).
     */
    static String replyFromText(SenderTag tag, String message) {
        return isWellFormed(message) ? reply(tag, message, null) : null;
    }

    private static String reply(SenderTag tag, String message, Long connectionId) {
        return SerdeJson.object(g -> {
            g.writeStringField("type", "reply");
            g.writeStringField("senderTag", tag.base58());
            g.writeStringField("message", message);
            connectionId(g, connectionId);
        });
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void connectionId(JsonGenerator g, Long id) throws IOException {
        if (id != null) {
            g.writeFieldName("connectionId");
            g.writeNumber(Long.toUnsignedString(id));
        }
    }
}
