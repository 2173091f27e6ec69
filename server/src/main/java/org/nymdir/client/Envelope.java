package org.nymdir.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.dialect.v1.V1Wire;

/**
 * The {@code {"action", "content", "context", "signature"}} object that every directory reply, relayed
 * message and direct peer message is wrapped in. {@code content} is always a string (often JSON inside);
 * {@code signature} is over its UTF-8 bytes: the directory's on replies and relays, the sender's on direct
 * messages.
 */
record Envelope(String action, String content, String context, String signature) {
    /** Parses what clients receive: the same limits as the directory's dialect, Python's number quirks. */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build());

    /** The envelope in {@code text}, or null if the text is not one (not JSON, fields missing or not strings). */
    static Envelope parse(String text) {
        JsonNode root = tree(text);
        if (root == null || !root.isObject()) {
            return null;
        }
        String action = string(root, "action");
        String content = string(root, "content");
        String context = string(root, "context");
        if (action == null || content == null || context == null) {
            return null;
        }
        return new Envelope(action, content, context, string(root, "signature"));
    }

    /** A direct peer message as nymCHAT sends it: an {@code incomingMessage} signed by its sender. */
    static String direct(String content, String signature) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("action", V1Wire.INCOMING_MESSAGE);
        node.put("content", content);
        node.put("context", V1Wire.CTX_CHAT);
        node.put("signature", signature);
        return PythonJson.dumps(node);
    }

    boolean is(String expectedAction, String expectedContext) {
        return action.equals(expectedAction) && context.equals(expectedContext);
    }

    /** The content parsed as JSON, or null if it is not JSON (clients fall back to the raw string). */
    JsonNode contentJson() {
        return tree(content);
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static String string(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Never prints content or signature. */
    @Override
    public String toString() {
        return "Envelope[" + action + "/" + context + ", " + content.length() + " chars]";
    }
}
