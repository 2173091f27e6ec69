package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalDirectoryExtension;

/** Every typed failure of the SDK, each provoked for real through the local mixnet. */
class ClientFailuresTest {
    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aReplyNotSignedByTheGivenDirectoryKeyIsASignatureMismatch() throws Exception {
        ClientConfig wrongKey = env.clientConfig().withDirectoryKey(EcKeyPair.generate(RANDOM).publicKey());
        NymdirClient alice = env.client(UserIdentity.generate(env.uniqueName("alice"), RANDOM), wrongKey);
        assertThatThrownBy(alice::register).isInstanceOf(ClientException.SignatureMismatch.class)
                .hasMessageContaining("challenge/registration");
    }

    @Test
    void aSilentDirectoryIsATimeout() throws Exception {
        // an address of the mixnet whose client never connects: messages to it are held, nobody answers
        ClientConfig silent = ClientConfig.of(env.sim().clientAddress(env.uniqueName("silent")))
                .withReplyTimeout(Duration.ofMillis(300));
        NymdirClient alice = env.client(null, silent);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> alice.lookup("bob")).isInstanceOf(ClientException.Timeout.class)
                .hasMessageContaining("no query reply");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aMissingNymClientIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClientConfig config = env.clientConfig().withConnectTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> NymdirClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), config, null,
                Peers.inMemory())).isInstanceOf(ClientException.Unreachable.class).hasMessageContaining("is it running");
    }

    @Test
    void unknownUsersAreUserUnknown() throws Exception {
        NymdirClient alice = env.registered("alice");
        String nobody = env.uniqueName("nobody");
        assertThatThrownBy(() -> alice.lookup(nobody)).isInstanceOfSatisfying(ClientException.UserUnknown.class,
                e -> assertThat(e.username()).isEqualTo(nobody));
        assertThatThrownBy(() -> alice.send(nobody, "hi")).isInstanceOf(ClientException.UserUnknown.class);
        NymdirClient ghost = env.client("ghost");
        assertThatThrownBy(ghost::login).isInstanceOfSatisfying(ClientException.UserUnknown.class,
                e -> assertThat(e.username()).isEqualTo(ghost.identity().username()));
        // an unregistered sender: the directory refuses to relay for a name it does not know
        assertThatThrownBy(() -> ghost.send(alice.identity().username(), "hi"))
                .isInstanceOfSatisfying(ClientException.UserUnknown.class,
                        e -> assertThat(e.username()).isEqualTo(ghost.identity().username()));
    }

    @Test
    void aTakenNameIsTheDirectorysErrorString() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient impostor = env.client(UserIdentity.generate(alice.identity().username(), RANDOM),
                env.clientConfig());
        assertThatThrownBy(impostor::register).isInstanceOfSatisfying(ClientException.DirectoryError.class,
                e -> assertThat(e.wireText()).isEqualTo("error: username already in use"));
    }

    @Test
    void directNeedsAHandshakeFirst() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        assertThatThrownBy(() -> alice.send(bob.identity().username(), "hi", Route.DIRECT))
                .isInstanceOf(ClientException.NoDirectRoute.class);
    }

    @Test
    void aDirectMessageSignedByAnotherKeyIsRefused() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        NymdirClient mallory = env.registered("mallory");
        alice.login();
        mallory.login();
        alice.handshake(mallory.identity().username());
        assertThat(mallory.receive(env.timeout())).isInstanceOf(Incoming.Handshake.class);

        // mallory now knows alice's address and writes to her as bob, signing with her own key
        Peers stolen = mallory.peers();
        UserIdentity fakeBob = new UserIdentity(bob.identity().username(), mallory.identity().keys());
        NymdirClient forger = env.client(fakeBob, env.clientConfig(), stolen);
        forger.send(alice.identity().username(), "it's bob, really", Route.DIRECT);
        assertThat(alice.receive(env.timeout())).isInstanceOfSatisfying(Incoming.Rejected.class, r -> {
            assertThat(r.from()).isEqualTo(bob.identity().username());
            assertThat(r.route()).isEqualTo(Route.DIRECT);
            assertThat(r.reason()).contains("not signed by the sender's key");
        });
    }

    @Test
    void aReceiverWithoutTheSendersKeyLooksItUp() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        String b = bob.identity().username();
        alice.send(b, "first, with my key");
        assertThat(bob.receive(env.timeout())).isInstanceOf(Incoming.Message.class);
        assertThat(alice.peers().get(b).orElseThrow().introduced()).isTrue();

        // bob's ack goes out after receive returns; the directory must have it before bob leaves, or it hands
        // "first" (with alice's key) to bob's next client again, as it should for an unacked message
        Await.until("bob's ack of the first message reached the directory",
                () -> env.local().directory().waitingFor(b) == 0, env.timeout());

        // bob again, on a fresh client that remembers nobody; alice no longer attaches her key
        bob.close();
        NymdirClient bobAgain = env.client(bob.identity(), env.clientConfig());
        bobAgain.login();
        alice.send(b, "second, without it");
        assertThat(bobAgain.receive(env.timeout())).isInstanceOfSatisfying(Incoming.Message.class,
                m -> assertThat(m.text()).isEqualTo("second, without it"));
        assertThat(bobAgain.peers().get(alice.identity().username())).isPresent();
    }

    @Test
    void concurrentRequestsOfOneClientEachGetTheirOwnReply() throws Exception {
        NymdirClient alice = env.registered("alice");
        List<NymdirClient> others = List.of(env.registered("b"), env.registered("c"), env.registered("d"));
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Peer>> lookups = others.stream()
                    .map(o -> pool.submit(() -> alice.lookup(o.identity().username()))).toList();
            for (int i = 0; i < others.size(); i++) {
                assertThat(lookups.get(i).get().publicKeyPem()).isEqualTo(others.get(i).identity().publicKeyPem());
            }
        }
    }
}
