package org.nymdir.app.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.client.ClientException;
import org.nymdir.client.Incoming;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.UserIdentity;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;

/**
 * An account's life through the local mixnet: key rotation, deletion with its quarantine, and the expiry of
 * unused names. The directory reads a test clock, so a month passes at a word.
 */
class AccountLifeIT {
    private final TestClock clock = TestClock.atEpochDay();

    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder().clock(clock)
            .settings(Map.of("NYMDIR_NAME_EXPIRY", "10d")).build();

    private ChatPeer fresh() {
        return env.peer(env.uniqueName("fresh"));
    }

    private static String content(JsonNode reply) {
        return reply.get("content").textValue();
    }

    @Test
    void afterARotationTheOldKeyNoLongerLogsInLookupsShowTheNewKeyAndMessagesKeepFlowing() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        String aliceName = alice.identity().username();
        String bobName = bob.identity().username();
        alice.send(bobName, "before");
        assertThat(((Incoming.Message) bob.receive(env.timeout())).text()).isEqualTo("before");

        UserIdentity old = alice.identity();
        UserIdentity next = alice.rotateKey(EcKeyPair.generate(new SecureRandom()));
        alice.close();
        assertThat(next.username()).isEqualTo(aliceName);

        NymdirClient stale = env.client(old, env.clientConfig());
        assertThatThrownBy(stale::login).isInstanceOf(ClientException.DirectoryError.class)
                .hasMessageContaining("invalid signature");
        NymdirClient carol = env.registered("carol");
        assertThat(carol.lookup(aliceName).publicKeyPem()).isEqualTo(next.publicKeyPem());

        // bob still holds alice's old key; her next message tells him the new one (the directory vouches for it)
        NymdirClient renewed = env.client(next, env.clientConfig(), Peers.inMemory());
        renewed.login();
        renewed.send(bobName, "after");
        assertThat(((Incoming.Message) bob.receive(env.timeout())).text()).isEqualTo("after");
        bob.send(aliceName, "still here");
        assertThat(((Incoming.Message) renewed.receive(env.timeout())).text()).isEqualTo("still here");
    }

    @Test
    void aRotationNeedsBothKeysAndALoginOnTheTag() {
        TestUser dave = TestUser.named(env.uniqueName("dave"));
        TestUser next = TestUser.named(dave.name());
        TestUser thief = TestUser.named(dave.name());
        try (ChatPeer d = fresh()) {
            d.register(dave);
            try (ChatPeer stranger = fresh()) {
                assertThat(content(stranger.call(Requests.rotateKey(dave, next)))).as("a replay from elsewhere")
                        .isEqualTo("error: log in first");
            }
            ObjectNode wrongNew = Requests.rotateKey(dave, next).put("newSignature", thief.sign("x"));
            assertThat(content(d.call(wrongNew)))
                    .isEqualTo("error: invalid signature");
            JsonNode reply = d.call(Requests.rotateKey(dave, next));
            assertThat(reply.get("action").textValue()).isEqualTo("rotateKeyResponse");
            assertThat(reply.get("context").textValue()).isEqualTo("account");
            assertThat(content(reply)).isEqualTo("success");
            assertThat(content(d.call(Requests.rotateKey(dave, thief)))).as("the old key signs nothing any more")
                    .isEqualTo("error: invalid signature");
        }
        try (ChatPeer d = fresh()) {
            d.login(next); // asserts success
        }
    }

    @Test
    void aDeletedAccountsMailGoesAndItsNameIsQuarantined() {
        TestUser erin = TestUser.named(env.uniqueName("erin"));
        TestUser sender = TestUser.named(env.uniqueName("sender"));
        try (ChatPeer e = fresh(); ChatPeer s = fresh()) {
            e.register(erin);
            assertThat(e.ack(erin, List.of())).isEqualTo("success"); // acking: mail stays until acked
            s.register(sender);
            for (int i = 0; i < 2; i++) {
                assertThat(content(s.call(Requests.send(sender, Requests.content(sender.name(), erin.name(),
                        "{\"n\": " + i + "}"))))).isEqualTo("success");
            }
            for (int i = 0; i < 2; i++) { // handed to erin, not acked: they wait in the mailbox until she acks
                assertThat(e.nextReply().get("action").textValue()).isEqualTo("incomingMessage");
            }
            Await.until("erin's two messages waiting", () -> env.directory().waitingFor(erin.name()) == 2,
                    env.timeout());
            try (ChatPeer stranger = fresh()) {
                assertThat(content(stranger.call(Requests.deleteAccount(erin)))).isEqualTo("error: log in first");
            }
            JsonNode deleted = e.call(Requests.deleteAccount(erin));
            assertThat(deleted.get("action").textValue()).isEqualTo("deleteAccountResponse");
            assertThat(content(deleted)).isEqualTo("success");
            assertThat(env.directory().waitingFor(erin.name())).as("the waiting mail went").isZero();
            assertThat(content(s.call(Requests.query(erin.name())))).isEqualTo("No user found");
            assertThat(content(s.call(Requests.send(sender, Requests.content(sender.name(), erin.name(), "{}")))))
                    .isEqualTo("error: recipient not found");
        }
        TestUser squatter = TestUser.named(erin.name());
        TestUser lookAlike = TestUser.named(erin.name().toUpperCase(Locale.ROOT));
        for (TestUser u : List.of(squatter, lookAlike)) {
            try (ChatPeer p = fresh()) {
                assertThat(content(p.call(Requests.register(u.name(), u.publicKeyPem())))).as(u.name())
                        .isEqualTo("error: username already in use");
            }
        }
        clock.advance(Duration.ofDays(29));
        env.directory().sweepNames();
        try (ChatPeer p = fresh()) {
            assertThat(p.registerAsV1(squatter)).as("still in quarantine").isEqualTo("error: username already in use");
        }
        clock.advance(Duration.ofDays(1));
        env.directory().sweepNames();
        try (ChatPeer p = fresh()) {
            p.register(squatter); // asserts success: the quarantine is over
        }
    }

    @Test
    void namesUnusedBeyondTheExpiryGoAndUsedOnesStay() throws Exception {
        NymdirClient idle = env.registered("idle");
        NymdirClient busy = env.registered("busy");
        clock.advance(Duration.ofDays(6));
        busy.login();
        clock.advance(Duration.ofDays(5));
        assertThat(env.directory().sweepNames()).isEqualTo(1);
        NymdirClient look = env.registered("look");
        assertThatThrownBy(() -> look.lookup(idle.identity().username()))
                .isInstanceOf(ClientException.UserUnknown.class);
        assertThat(look.lookup(busy.identity().username()).publicKeyPem()).isEqualTo(busy.identity().publicKeyPem());
        try (ChatPeer p = fresh()) {
            TestUser again = TestUser.named(idle.identity().username());
            assertThat(content(p.call(Requests.register(again.name(), again.publicKeyPem()))))
                    .as("an expired name is quarantined too").isEqualTo("error: username already in use");
        }
    }
}
