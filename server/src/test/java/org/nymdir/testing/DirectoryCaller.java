package org.nymdir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nymdir.crypto.Hashcash;

/**
 * A chat client that sends a request to the directory and reads its answer ({@link ChatPeer}, or an
 * {@link Inbox} that reads for one), with the request flows tests repeat: the two challenge flows, and acks.
 */
public interface DirectoryCaller {
    /** Sends a request and returns its reply, its signature checked. */
    JsonNode call(ObjectNode request);

    /**
     * Registers {@code user} through the challenge, solving its puzzle as the Java client does (so a test's
     * registrations do not spend the node's budget for v1 clients); asserts success.
     */
    default void register(TestUser user) {
        assertThat(registerAnswer(user, true)).isEqualTo("success");
    }

    /**
     * Registers as a v1 client does (no solution: the registration draws on the node's budget); returns the
     * answer's content.
     */
    default String registerAsV1(TestUser user) {
        return registerAnswer(user, false);
    }

    /** A registration's final answer: {@code success}, or the error of the challenge or of the answer. */
    private String registerAnswer(TestUser user, boolean solve) {
        JsonNode reply = call(Requests.register(user.name(), user.publicKeyPem()));
        if (!reply.get("action").textValue().equals("challenge")) {
            return reply.get("content").textValue();
        }
        JsonNode content = ChatPeer.parse(reply.get("content").textValue());
        String nonce = content.get("nonce").textValue();
        JsonNode work = content.get("work");
        ObjectNode answer = solve && work != null
                ? Requests.registrationResponse(user.name(), user.sign(nonce),
                        Hashcash.solve(nonce, work.get("bits").intValue()))
                : Requests.registrationResponse(user.name(), user.sign(nonce));
        return call(answer).get("content").textValue();
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
