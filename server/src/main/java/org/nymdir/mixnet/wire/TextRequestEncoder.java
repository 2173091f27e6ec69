package org.nymdir.mixnet.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

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
            case ClientRequest.Reply r -> SerdeJson.object(g -> {
                g.writeStringField("type", "reply");
                g.writeStringField("senderTag", r.senderTag().base58());
                g.writeStringField("message", SerdeJson.strictUtf8(r.message(), "message"));
                connectionId(g, r.connectionId());
            });
            case ClientRequest.SelfAddress ignored -> SerdeJson.object(g -> g.writeStringField("type", "selfAddress"));
            case ClientRequest.ClosedConnection ignored ->
                    throw new IllegalArgumentException("closedConnection exists only in the binary API");
            case ClientRequest.GetLaneQueueLength ignored ->
                    throw new IllegalArgumentException("getLaneQueueLength exists only in the binary API");
        };
    }

    private static void connectionId(JsonGenerator g, Long id) throws IOException {
        if (id != null) {
            g.writeFieldName("connectionId");
            g.writeNumber(Long.toUnsignedString(id));
        }
    }
}
