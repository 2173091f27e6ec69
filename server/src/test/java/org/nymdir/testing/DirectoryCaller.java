package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A chat client that sends a request to the directory and reads its answer ({@link ChatPeer}, or an
 * {@link Inbox} that reads for one), with the request flows tests repeat: the two challenge flows, and acks.
 */
public interface DirectoryCaller {
    /** Sends a request and returns its reply, its signature checked. */
    JsonNode call(ObjectNode request);

    /** Registers {@code user} through the challenge; asserts success. */
    default void register(TestUser user) {
        String nonce = challenge(call(Requests.register(user.name(), user.publicKeyPem())));
        JsonNode done = call(Requests.registrationResponse(user.name(), user.sign(nonce)));
        assertThat(done.get("content").textValue()).isEqualTo("success");
    }

    /** Logs {@code user} in through the challenge; asserts success. */
    default void login(TestUser user) {
        String nonce = challenge(call(Requests.login(user.name())));
        JsonNode done = call(Requests.loginResponse(user.name(), user.sign(nonce)));
        assertThat(done.get("context").textValue()).isEqualTo("login");
        assertThat(done.get("content").textValue()).isEqualTo("success");
    }

    /** Acks mailbox messages as {@code user} (nymdir's extension); returns the answer's content. */
    default String ack(TestUser user, List<String> ids) {
        JsonNode reply = call(Requests.ack(user, ids));
        assertThat(reply.get("action").textValue()).isEqualTo("ackResponse");
        return reply.get("content").textValue();
    }

    private static String challenge(JsonNode reply) {
        assertThat(reply.get("action").textValue()).isEqualTo("challenge");
        return ChatPeer.parse(reply.get("content").textValue()).get("nonce").textValue();
    }
}
