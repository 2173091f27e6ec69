package org.nymdir.client.e2e;

import org.nymdir.dialect.json.PythonJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON texts a nymCHAT client builds around an encrypted body, rendered as the Python client renders
 * them ({@code json.dumps}), so the signatures over them match byte for byte.
 */
public final class NymChatContent {
    /** Plaintext type of a chat message. */
    public static final int CHAT = 0;
    /** Plaintext type of a handshake: the message is the sender's nym address. */
    public static final int HANDSHAKE = 1;

    private NymChatContent() {}

    /** The plaintext to encrypt: {@code {"type": T, "message": M}}. */
    public static String plaintext(int type, String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        node.put("message", message);
        return PythonJson.dumps(node);
    }

    /**
     * The {@code content} string of a {@code send} request, which the sender then signs:
     * {@code {"sender", "recipient", "body", "encrypted": true, "senderPublicKey"}} in that order, the key
     * only on first contact.
     *
     * @param senderPublicKeyPem the sender's key, or null to leave the field out
     */
    public static String sendContent(String sender, String recipient, JsonNode body, String senderPublicKeyPem) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sender", sender);
        node.put("recipient", recipient);
        node.set("body", body);
        node.put("encrypted", true);
        if (senderPublicKeyPem != null) {
            node.put("senderPublicKey", senderPublicKeyPem);
        }
        return PythonJson.dumps(node);
    }
}
