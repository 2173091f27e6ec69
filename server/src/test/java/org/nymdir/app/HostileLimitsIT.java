package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * Limits that a hostile user cannot turn against the person they protect, tried over the local mixnet: a
 * stranger naming alice from fresh connections (sender tags are free) does not lock her out; every request
 * kind is limited, unknown ones included; JSON beyond nymdir's bounds gets an answer; an ack costs per id.
 */
class HostileLimitsIT {
    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();

    private static ChatPeer peer() {
        return ChatPeer.connect(env.nymClientUrl(env.uniqueName("raw")), env.directoryAddress(),
                env.local().directory().publicKeyPem());
    }

    private static String content(JsonNode reply) {
        return reply.get("content").textValue();
    }

    @Test
    void strangersNamingAliceFromFreshConnectionsDoNotLockHerOut() {
        TestUser alice = TestUser.named(env.uniqueName("alice"));
        TestUser stranger = TestUser.named("stranger");
        try (ChatPeer a = peer()) {
            a.register(alice);
            List<String> failures = new ArrayList<>();
            // 12 fresh connections, each asking to log in as alice twice and failing the proof once: 24 logins
            // naming her (the old per-name budget was 10) and 12 failed proofs (the failure budget is 10).
            for (int i = 0; i < 12; i++) {
                try (ChatPeer s = peer()) {
                    assertThat(s.call(Requests.login(alice.name())).get("action").textValue()).isEqualTo("challenge");
                    JsonNode challenge = s.call(Requests.login(alice.name()));
                    assertThat(challenge.get("action").textValue()).isEqualTo("challenge");
                    failures.add(content(s.call(Requests.loginResponse(alice.name(), stranger.sign("guess")))));
                }
            }
            assertThat(failures.subList(0, 10)).containsOnly("error: invalid signature");
            assertThat(failures.subList(10, 12)).as("a name's failure budget, spent")
                    .containsOnly("error: rate limit exceeded");
            a.login(alice); // asserts success: a correct proof always passes
        }
    }

    @Test
    void unknownAndUnimplementedActionsAreLimitedPerTag() {
        try (ChatPeer p = peer()) {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                p.sendRaw(i % 2 == 0 ? "{\"action\": \"flood\"}" : "{\"action\": \"update\"}");
                answers.add(content(p.nextReply()));
            }
            assertThat(answers.subList(0, 10)).containsOnly("error: unknown action", "error: unimplemented");
            assertThat(answers.subList(10, 12)).containsOnly("error: rate limit exceeded");
        }
    }

    @Test
    void jsonBeyondTheBoundsIsAnsweredNotIgnored() {
        try (ChatPeer p = peer()) {
            p.sendRaw("{\"action\": \"query\", \"a\": " + "[".repeat(32) + "]".repeat(32) + "}"); // 33 levels
            JsonNode deep = p.nextReply();
            p.sendRaw("{\"action\": \"query\", \"username\": \"x\", \"n\": " + "7".repeat(101) + "}");
            JsonNode longNumber = p.nextReply();
            for (JsonNode reply : List.of(deep, longNumber)) {
                assertThat(reply.get("action").textValue()).isEqualTo("error");
                assertThat(content(reply)).isEqualTo("error: JSON nested too deep or number too long");
            }
            // Python's json.loads refuses these; so does nymdir (the original never answered such text), and the
            // directory goes on answering.
            p.sendRaw("{\"action\": \"query\", \"username\": \"x\", \"n\": -INF}");
            p.sendRaw("{\"action\": \"query\", \"username\": \"x\"} trailing");
            assertThat(content(p.call(Requests.query("nobody_" + env.uniqueName("q"))))).isEqualTo("No user found");
        }
    }

    @Test
    void anAckIsChargedPerIdAndNamesAtMostAHundred() {
        TestUser bob = TestUser.named(env.uniqueName("bob"));
        try (ChatPeer b = peer()) {
            b.register(bob);
            String tooMany = ackContent(bob.name(), 101);
            assertThat(content(b.call(Requests.send(bob, tooMany).put("action", "ack"))))
                    .isEqualTo("error: missing 'username' or 'ids' field in ack content");
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 7; i++) { // 100 ids each against an ACK burst of 600
                answers.add(content(b.call(Requests.send(bob, ackContent(bob.name(), 100)).put("action", "ack"))));
            }
            assertThat(answers.subList(0, 5)).containsOnly("success");
            assertThat(answers.get(6)).isEqualTo("error: rate limit exceeded");
        }
    }

    private static String ackContent(String username, int ids) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            list.add(HexFormat.of().toHexDigits((long) i) + HexFormat.of().toHexDigits((long) ids));
        }
        return Fixtures.JSON.createObjectNode().put("username", username)
                .set("ids", Fixtures.JSON.valueToTree(list)).toString();
    }
}
