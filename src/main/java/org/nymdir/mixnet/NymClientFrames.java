package org.nymdir.mixnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The client side of the nym-client API that the link needs: requests out as text, responses in as either. */
final class NymClientFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NymClientFrames() {
    }

    sealed interface Response {
        record Received(byte[] message, SenderTag senderTag) implements Response {
        }

        record SelfAddress(NymAddress address) implements Response {
        }

        record Error(String message) implements Response {
        }

        record Other(String what) implements Response {
        }
    }

    static String selfAddress() {
        return "{\"type\":\"selfAddress\"}";
    }

    static String reply(SenderTag tag, String message) {
        ObjectNode n = JSON.createObjectNode().put("type", "reply").put("senderTag", tag.base58()).put("message", message);
        return n.toString();
    }

    static String send(NymAddress recipient, String message) {
        return JSON.createObjectNode().put("type", "send").put("recipient", recipient.text()).put("message", message)
                .toString();
    }

    static String sendAnonymous(NymAddress recipient, String message, int replySurbs) {
        return JSON.createObjectNode().put("type", "sendAnonymous").put("recipient", recipient.text())
                .put("message", message).put("replySurbs", replySurbs).toString();
    }

    static Response parseText(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            String type = n.path("type").asText("");
            return switch (type) {
                case "received" -> {
                    JsonNode tag = n.get("senderTag");
                    yield new Response.Received(n.path("message").asText("").getBytes(StandardCharsets.UTF_8),
                            tag == null || tag.isNull() ? null : SenderTag.parse(tag.asText()));
                }
                case "selfAddress" -> new Response.SelfAddress(NymAddress.parse(n.path("address").asText("")));
                case "error" -> new Response.Error(n.path("message").asText(""));
                default -> new Response.Other(type);
            };
        } catch (Exception e) {
            return new Response.Error("unparsable response from nym-client: " + e.getClass().getSimpleName());
        }
    }

    static Response parseBinary(byte[] frame) {
        try {
            ByteBuffer b = ByteBuffer.wrap(frame);
            int tag = b.get() & 0xFF;
            return switch (tag) {
                case 0x00 -> {
                    b.get();
                    yield new Response.Error(new String(bytes(b, (int) b.getLong()), StandardCharsets.UTF_8));
                }
                case 0x01 -> {
                    SenderTag senderTag = b.get() == 1 ? SenderTag.of(bytes(b, SenderTag.SIZE)) : null;
                    yield new Response.Received(bytes(b, (int) b.getLong()), senderTag);
                }
                case 0x02 -> new Response.SelfAddress(NymAddress.fromBytes(bytes(b, NymAddress.BINARY_SIZE)));
                default -> new Response.Other("binary tag " + tag);
            };
        } catch (RuntimeException e) {
            return new Response.Error("unparsable binary response from nym-client: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
