package org.nymdir.sim.wire;

import java.nio.charset.StandardCharsets;
import org.nymdir.mixnet.wire.SerdeJson;
import org.nymdir.mixnet.wire.ServerResponse;

/**
 * Writes text responses (reference A.3) byte for byte as serde_json does: {@code "type"} first, fields in
 * declaration order, {@code senderTag} always present (JSON null when absent), {@code queue_length} in snake case.
 */
final class TextResponseEncoder {
    private TextResponseEncoder() {
    }

    static String encode(ServerResponse response) {
        return switch (response) {
            case ServerResponse.Received r -> SerdeJson.object(g -> {
                g.writeStringField("type", "received");
                // nym-client uses String::from_utf8_lossy: invalid bytes become U+FFFD, so text cannot carry binary
                g.writeStringField("message", new String(r.message(), StandardCharsets.UTF_8));
                g.writeFieldName("senderTag");
                if (r.senderTag() == null) {
                    g.writeNull();
                } else {
                    g.writeString(r.senderTag().base58());
                }
            });
            case ServerResponse.SelfAddressResponse s -> SerdeJson.object(g -> {
                g.writeStringField("type", "selfAddress");
                g.writeStringField("address", s.address().text());
            });
            case ServerResponse.LaneQueueLength l -> SerdeJson.object(g -> {
                g.writeStringField("type", "laneQueueLength");
                g.writeFieldName("lane");
                g.writeNumber(Long.toUnsignedString(l.lane()));
                g.writeFieldName("queue_length");
                g.writeNumber(Long.toUnsignedString(l.queueLength()));
            });
            case ServerResponse.Error e -> SerdeJson.object(g -> {
                g.writeStringField("type", "error");
                g.writeStringField("message", e.text());
            });
        };
    }
}
