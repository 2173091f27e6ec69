package org.nymdir.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** nymCHAT v1 requests as the Python client writes them. */
public final class Requests {
    private Requests() {
    }

    public static ObjectNode register(String name, String pem) {
        return Fixtures.JSON.createObjectNode().put("action", "register").put("usernym", name)
                .put("publicKey", pem);
    }

    public static ObjectNode registrationResponse(String name, String signature) {
        return Fixtures.JSON.createObjectNode().put("action", "registrationResponse").put("username", name)
                .put("signature", signature);
    }

    /** With the solution of the registration puzzle (nymdir extension). */
    public static ObjectNode registrationResponse(String name, String signature, String work) {
        return registrationResponse(name, signature).put("work", work);
    }

    public static ObjectNode login(String name) {
        return Fixtures.JSON.createObjectNode().put("action", "login").put("usernym", name);
    }

    public static ObjectNode loginResponse(String name, String signature) {
        return Fixtures.JSON.createObjectNode().put("action", "loginResponse").put("username", name)
                .put("signature", signature);
    }

    public static ObjectNode query(String name) {
        return Fixtures.JSON.createObjectNode().put("action", "query").put("username", name);
    }

    /** A send of {@code content}, signed by {@code from}. */
    public static ObjectNode send(TestUser from, String content) {
        return Fixtures.JSON.createObjectNode().put("action", "send").put("content", content)
                .put("signature", from.sign(content));
    }

    /** The content of a send as the Python client renders it, with an opaque body. */
    public static String content(String from, String to, String rawBody) {
        return "{\"sender\": \"" + from + "\", \"recipient\": \"" + to + "\", \"body\": " + rawBody
                + ", \"encrypted\": true}";
    }

    /** An ack of mailbox messages by id (nymdir's extension), signed by {@code user}. */
    public static ObjectNode ack(TestUser user, List<String> ids) {
        String content = Fixtures.JSON.createObjectNode().put("username", user.name())
                .set("ids", Fixtures.JSON.valueToTree(ids)).toString();
        return Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", user.sign(content));
    }

    /** A deletion of {@code user}'s account (nymdir's extension), signed by their key. */
    public static ObjectNode deleteAccount(TestUser user) {
        String content = Fixtures.JSON.createObjectNode().put("intent", "deleteAccount").put("username", user.name())
                .toString();
        return Fixtures.JSON.createObjectNode().put("action", "deleteAccount").put("content", content)
                .put("signature", user.sign(content));
    }

    /** A rotation of {@code user}'s name to {@code next}'s key (nymdir's extension), signed by both keys. */
    public static ObjectNode rotateKey(TestUser user, TestUser next) {
        String content = Fixtures.JSON.createObjectNode().put("intent", "rotateKey").put("username", user.name())
                .put("publicKey", next.publicKeyPem()).toString();
        return Fixtures.JSON.createObjectNode().put("action", "rotateKey").put("content", content)
                .put("signature", user.sign(content)).put("newSignature", next.sign(content));
    }
}
