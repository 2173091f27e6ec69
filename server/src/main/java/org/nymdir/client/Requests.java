package org.nymdir.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.dialect.v1.V1Wire;

/**
 * The requests a nymCHAT client sends to its directory, rendered as the Python client renders them
 * ({@code json.dumps} of a dict in this key order), so a directory cannot tell us apart from it.
 */
final class Requests {
    private Requests() {}

    static String register(String username, String publicKeyPem) {
        return render(request(V1Wire.REGISTER).put("usernym", username).put("publicKey", publicKeyPem));
    }

    static String registrationResponse(String username, String signature) {
        return registrationResponse(username, signature, null);
    }

    /** With the solution of the challenge's puzzle (nymdir extension; null: none, as a v1 client sends). */
    static String registrationResponse(String username, String signature, String work) {
        ObjectNode node = request(V1Wire.REGISTRATION_RESPONSE).put("username", username).put("signature", signature);
        if (work != null) {
            node.put(V1Wire.WORK, work);
        }
        return render(node);
    }

    static String login(String username) {
        return render(request(V1Wire.LOGIN).put("usernym", username));
    }

    static String loginResponse(String username, String signature) {
        return render(request(V1Wire.LOGIN_RESPONSE).put("username", username).put("signature", signature));
    }

    static String query(String username) {
        return render(request(V1Wire.QUERY).put("username", username));
    }

    static String send(String content, String signature) {
        return render(request(V1Wire.SEND).put("content", content).put("signature", signature));
    }

    /** The nymdir {@code ack} extension: {@code content} from {@link #ackContent}, signed by its user. */
    static String ack(String content, String signature) {
        return render(request(V1Wire.ACK).put("content", content).put("signature", signature));
    }

    /** The nymdir {@code rotateKey} extension: {@code content} signed by the old key and by the new one. */
    static String rotateKey(String content, String signature, String newSignature) {
        return render(request(V1Wire.ROTATE_KEY).put("content", content).put("signature", signature)
                .put("newSignature", newSignature));
    }

    /** {@code {"intent": "rotateKey", "username": U, "publicKey": PEM}}. */
    static String rotationContent(String username, String newPublicKeyPem) {
        return render(JsonNodeFactory.instance.objectNode().put("intent", V1Wire.ROTATE_KEY).put("username", username)
                .put("publicKey", newPublicKeyPem));
    }

    /** The nymdir {@code deleteAccount} extension: {@code content} signed by the account's key. */
    static String deleteAccount(String content, String signature) {
        return render(request(V1Wire.DELETE_ACCOUNT).put("content", content).put("signature", signature));
    }

    /** {@code {"intent": "deleteAccount", "username": U}}. */
    static String deletionContent(String username) {
        return render(JsonNodeFactory.instance.objectNode().put("intent", V1Wire.DELETE_ACCOUNT)
                .put("username", username));
    }

    /** {@code {"username": U, "ids": [ID, ...]}}: the relayed messages we took, by their mailbox ids. */
    static String ackContent(String username, List<String> ids) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("username", username);
        ids.forEach(node.putArray("ids")::add);
        return render(node);
    }

    private static ObjectNode request(String action) {
        return JsonNodeFactory.instance.objectNode().put("action", action);
    }

    private static String render(ObjectNode node) {
        return PythonJson.dumps(node);
    }
}
