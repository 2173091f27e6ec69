package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.client.Incoming;
import org.nymdir.client.NymdirClient;
import org.nymdir.client.Peers;
import org.nymdir.client.Route;
import org.nymdir.client.UserIdentity;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestUser;

/**
 * The route hijack, as an attacker does it over the local mixnet: a nymCHAT direct message carries exactly a
 * send's content and signature, so its recipient replays it to the directory as a {@code send} from their own
 * connection. The original moved the signer's stored tag to the replayer (even when the replay was refused
 * as a duplicate), and with it all the signer's mail. Here the route moves only by a fresh challenge.
 *
 * <p>Whether mail went astray is checked by order, not by waiting: the directory writes everything for one
 * tag in order and the local mixnet keeps it, so when the replayer's next reply arrives, a message that had
 * been sent to the replayer's tag before it would have arrived first.
 */
class ReplayHijackIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();

    private static ChatPeer peer() {
        return ChatPeer.connect(env.nymClientUrl(env.uniqueName("raw")), env.directoryAddress(),
                env.local().directory().publicKeyPem());
    }

    @Test
    void aReplayedDirectMessageDoesNotMoveTheSignersMail() {
        TestUser alice = TestUser.named(env.uniqueName("alice"));
        TestUser bob = TestUser.named(env.uniqueName("bob"));
        TestUser mallory = TestUser.named(env.uniqueName("mallory"));
        try (ChatPeer a = peer(); ChatPeer b = peer(); ChatPeer m = peer()) {
            a.register(alice);
            b.register(bob);
            m.register(mallory);
            // What alice sent mallory directly, peer to peer: the content and signature of a send.
            String content = Requests.content(alice.name(), mallory.name(), "{\"ciphertext\": \"hello mallory\"}");
            String signature = alice.sign(content);
            String replay = Fixtures.JSON.createObjectNode().put("action", "send").put("content", content)
                    .put("signature", signature).toString();

            m.sendRaw(replay);
            // mallory's own copy first (deliveries to the requester's own tag precede its reply), then success
            assertThat(m.nextReply().get("action").textValue()).as("alice's words, once more, for mallory")
                    .isEqualTo("incomingMessage");
            assertThat(m.nextReply().get("content").textValue()).isEqualTo("success");
            m.sendRaw(replay); // refused as a duplicate: the refusal must not move anything either
            assertThat(m.nextReply().get("content").textValue()).isEqualTo("error: duplicate message");

            assertThat(b.call(Requests.send(bob, Requests.content(bob.name(), alice.name(), "{\"k\": \"for alice\"}")))
                    .get("content").textValue()).isEqualTo("success");
            JsonNode forAlice = a.nextReply();
            assertThat(forAlice.get("action").textValue()).isEqualTo("incomingMessage");
            assertThat(ChatPeer.parse(forAlice.get("content").textValue()).get("body").toString())
                    .isEqualTo("{\"k\":\"for alice\"}");
            // Nothing for alice reached mallory: her next message is the answer to her own query.
            assertThat(m.call(Requests.query(alice.name())).get("action").textValue()).isEqualTo("queryResponse");
        }
    }

    @Test
    void theJavaClientsOwnDirectMessageReplayedDoesNotMoveItsRoute() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        String aliceName = alice.identity().username();
        String malloryName = env.uniqueName("mallory");
        URI malloryNymClient = env.nymClientUrl(env.uniqueName("nym")); // one stable nym address
        try (NymdirClient mallory = NymdirClient.connect(malloryNymClient, env.clientConfig(),
                UserIdentity.generate(malloryName, new SecureRandom()), Peers.inMemory())) {
            mallory.register();
            mallory.handshake(aliceName); // through the directory: alice now writes to mallory directly
        }
        assertThat(alice.receive(env.timeout())).isInstanceOf(Incoming.Handshake.class);
        // mallory listens raw on the address she gave alice, and replays what alice's client sends her.
        try (ChatPeer m = ChatPeer.connect(malloryNymClient, env.directoryAddress(),
                env.local().directory().publicKeyPem())) {
            assertThat(alice.send(malloryName, "just between us")).isEqualTo(Route.DIRECT);
            JsonNode direct = m.nextFromPeer(TIMEOUT);
            assertThat(direct.get("action").textValue()).isEqualTo("incomingMessage");
            String replay = Fixtures.JSON.createObjectNode().put("action", "send")
                    .put("content", direct.get("content").textValue())
                    .put("signature", direct.get("signature").textValue()).toString();
            m.sendRaw(replay);
            // success to this connection's tag, then the copy for mallory's route (her earlier client's tag,
            // whose reply SURBs reach this same nym address)
            assertThat(m.nextReply().get("content").textValue()).isEqualTo("success");
            assertThat(m.nextReply().get("action").textValue()).isEqualTo("incomingMessage");
            m.sendRaw(replay);
            assertThat(m.nextReply().get("content").textValue()).isEqualTo("error: duplicate message");

            bob.send(aliceName, "still yours", Route.DIRECTORY);
            Incoming got = alice.receive(env.timeout());
            assertThat(got).isInstanceOf(Incoming.Message.class);
            assertThat(((Incoming.Message) got).text()).isEqualTo("still yours");
            assertThat(m.call(Requests.query(aliceName)).get("action").textValue()).isEqualTo("queryResponse");
        }
    }
}
