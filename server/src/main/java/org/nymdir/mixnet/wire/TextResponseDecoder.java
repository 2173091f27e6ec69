package org.nymdir.mixnet.wire;

import static org.nymdir.mixnet.wire.ErrorKind.MALFORMED_RESPONSE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;

/**
 * Reads text responses (reference A.3), for clients of a nym-client. The error details are ours: a real
 * nym-client never sends bad JSON.
 */
final class TextResponseDecoder {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private TextResponseDecoder() {
    }

    static ServerResponse decode(String text) throws WireException {
        JsonNode root;
        try {
            root = SerdeJson.readTree(text);
        } catch (JsonProcessingException e) {
            throw new WireException(MALFORMED_RESPONSE, "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new WireException(MALFORMED_RESPONSE, "expected a JSON object");
        }
        String type = string(root, "type");
        try {
            return switch (type) {
                case "received" -> {
                    JsonNode tag = root.get("senderTag");
                    SenderTag senderTag =
                            tag == null || tag.isNull() ? null : SenderTag.parse(string(root, "senderTag"));
                    yield new ServerResponse.Received(string(root, "message").getBytes(StandardCharsets.UTF_8),
                            senderTag);
                }
                case "selfAddress" -> new ServerResponse.SelfAddressResponse(NymAddress.parse(string(root, "address")));
                case "laneQueueLength" -> new ServerResponse.LaneQueueLength(u64(root, "lane"),
                        u64(root, "queue_length"));
                case "error" -> parseError(string(root, "message"));
                default -> throw new WireException(ErrorKind.UNKNOWN_RESPONSE, "unknown response type `" + type + "`");
            };
        } catch (IllegalArgumentException e) {
            throw new WireException(MALFORMED_RESPONSE, e.getMessage());
        }
    }

    /** Splits {@code "<kind description>:<detail>"} back into kind and detail; an unknown prefix gives OTHER. */
    private static ServerResponse.Error parseError(String text) {
        for (ErrorKind kind : ErrorKind.values()) {
            String prefix = kind.description() + ":";
            if (text.startsWith(prefix)) {
                return new ServerResponse.Error(kind, text.substring(prefix.length()));
            }
        }
        return new ServerResponse.Error(ErrorKind.OTHER, text);
    }

    private static String string(JsonNode root, String field) throws WireException {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual()) {
            throw new WireException(MALFORMED_RESPONSE, "field `" + field + "` must be a string");
        }
        return v.textValue();
    }

    private static long u64(JsonNode root, String field) throws WireException {
        JsonNode v = root.get(field);
        if (v == null || !v.isIntegralNumber() || v.bigIntegerValue().signum() < 0
                || v.bigIntegerValue().compareTo(U64_MAX) > 0) {
            throw new WireException(MALFORMED_RESPONSE, "field `" + field + "` must be an unsigned 64-bit integer");
        }
        return v.bigIntegerValue().longValue();
    }
}
