package org.nymdir.app.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.client.NymdirClient;
import org.nymdir.directory.NamePolicy;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * Costs that do not come from sender tags, tried as an attacker runs them: every attempt from a fresh
 * connection (new nym-client, new tags) through the local mixnet. Small node budgets (5 registrations without a
 * puzzle, 20 anonymous lookups) keep the runs short; each test has its own directory, so one's spending is not
 * another's.
 */
class NameCostsIT {
    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder()
            .settings(Map.of("NYMDIR_LIMIT_REGISTER_NODE", "5/5", "NYMDIR_LIMIT_LOOKUP_ANONYMOUS", "20/20",
                    "NYMDIR_REGISTER_WORK", String.valueOf(NamePolicy.DEFAULT_WORK_BITS))).build(); // serve's default

    private ChatPeer fresh() {
        return env.peer(env.uniqueName("fresh"));
    }

    private static String content(JsonNode reply) {
        return reply.get("content").textValue();
    }

    @Test
    void squattingFromFreshConnectionsIsBoundedWhileRegistrationsWithTheirPuzzleSolvedGoThrough() throws Exception {
        List<String> squats = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try (ChatPeer squatter = fresh()) {
                squats.add(squatter.registerAsV1(TestUser.named(env.uniqueName("squat"))));
            }
        }
        assertThat(squats.subList(0, 5)).as("within the node's budget for v1 clients").containsOnly("success");
        assertThat(squats.subList(5, 8)).as("the budget is the node's, not the tag's")
                .containsOnly("error: rate limit exceeded");
        // the budget is spent, and a registration that solved its puzzle still goes through: raw, and the SDK's
        try (ChatPeer honest = fresh()) {
            honest.register(TestUser.named(env.uniqueName("honest"))); // asserts success
        }
        NymdirClient sdk = env.registered("sdk");
        assertThat(sdk.lookup(sdk.identity().username()).publicKeyPem()).isEqualTo(sdk.identity().publicKeyPem());
    }

    @Test
    void aWrongSolutionCountsAsNoneAndTheChallengeCarriesThePuzzle() {
        TestUser user = TestUser.named(env.uniqueName("wrong"));
        try (ChatPeer p = fresh()) {
            JsonNode challenge = ChatPeer.parse(content(p.call(Requests.register(user.name(), user.publicKeyPem()))));
            assertThat(challenge.get("work").get("scheme").textValue()).isEqualTo("nymdir-hashcash-sha256");
            assertThat(challenge.get("work").get("bits").intValue()).isEqualTo(NamePolicy.DEFAULT_WORK_BITS);
            String nonce = challenge.get("nonce").textValue();
            // a wrong solution is no solution: the node's budget pays (it has tokens), the registration passes
            assertThat(content(p.call(Requests.registrationResponse(user.name(), user.sign(nonce), "zz"))))
                    .isEqualTo("success");
        }
    }

    @Test
    void enumerationFromFreshConnectionsIsBoundedWhileALoggedInUsersLookupsAreAnswered() throws Exception {
        TestUser alice = TestUser.named(env.uniqueName("alice"));
        try (ChatPeer a = fresh()) {
            a.register(alice);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                try (ChatPeer enumerator = fresh()) {
                    answers.add(content(enumerator.call(Requests.query(alice.name()))));
                }
            }
            assertThat(answers.subList(0, 20)).as("the anonymous budget").allMatch(s -> s.contains(alice.name()));
            assertThat(answers.subList(20, 25)).containsOnly("error: rate limit exceeded");
            // alice proved her name on her tag: her lookups count against her, not against the strangers' budget
            for (int i = 0; i < 10; i++) {
                JsonNode found = ChatPeer.parse(content(a.call(Requests.query(alice.name()))));
                assertThat(found.get("publicKey").textValue()).isEqualTo(alice.publicKeyPem());
            }
        }
        NymdirClient bob = env.registered("bob");
        assertThat(bob.lookup(alice.name()).publicKeyPem()).isEqualTo(alice.publicKeyPem());
    }

    @Test
    void lookAlikesOfATakenNameAreRefusedAsTaken() {
        String base = env.uniqueName("");
        try (ChatPeer owner = fresh()) {
            owner.register(TestUser.named("Alice" + base));
            owner.register(TestUser.named("b0b" + base));
            // the owners' exact names look up as registered; lookups stay exact
            assertThat(content(owner.call(Requests.query("Alice" + base)))).contains("Alice" + base);
            assertThat(content(owner.call(Requests.query("alice" + base)))).isEqualTo("No user found");
        }
        for (String lookAlike : List.of("alice", "ALICE", "aIice", "a1ice", "AL1CE", "alIce", "bob", "BOB", "bOb",
                "B0B")) {
            TestUser squatter = TestUser.named(lookAlike + base);
            try (ChatPeer p = fresh()) {
                assertThat(content(p.call(Requests.register(squatter.name(), squatter.publicKeyPem()))))
                        .as(lookAlike).isEqualTo("error: username already in use");
            }
        }
    }
}
