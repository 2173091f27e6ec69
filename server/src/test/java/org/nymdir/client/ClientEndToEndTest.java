package org.nymdir.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.testing.LocalDirectoryExtension;

/** The SDK against a real directory over the local mixnet: every flow a nymCHAT client uses. */
class ClientEndToEndTest {
    @RegisterExtension
    static final LocalDirectoryExtension env = LocalDirectoryExtension.builder().build();

    @Test
    void registerLoginLookupRelayBothWaysHandshakeAndDirect() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        String a = alice.identity().username();
        String b = bob.identity().username();
        alice.login();
        bob.login();

        Peer found = alice.lookup(b);
        assertThat(found.publicKeyPem()).isEqualTo(bob.identity().publicKeyPem());

        assertThat(alice.send(b, "hello bob, h\u00e9llo \uD83D\uDE00")).isEqualTo(Route.DIRECTORY);
        Incoming first = bob.receive(env.timeout());
        assertThat(first).isInstanceOfSatisfying(Incoming.Message.class, m -> {
            assertThat(m.from()).isEqualTo(a);
            assertThat(m.text()).isEqualTo("hello bob, h\u00e9llo \uD83D\uDE00");
            assertThat(m.route()).isEqualTo(Route.DIRECTORY);
        });

        assertThat(bob.send(a, "hi alice")).isEqualTo(Route.DIRECTORY);
        assertThat(alice.receive(env.timeout())).isInstanceOfSatisfying(Incoming.Message.class,
                m -> assertThat(m.text()).isEqualTo("hi alice"));

        assertThat(alice.handshake(b)).isEqualTo(Route.DIRECTORY);
        assertThat(bob.receive(env.timeout())).isInstanceOfSatisfying(Incoming.Handshake.class,
                h -> assertThat(h.address()).isEqualTo(alice.address()));

        assertThat(bob.send(a, "straight to you")).isEqualTo(Route.DIRECT);
        assertThat(alice.receive(env.timeout())).isInstanceOfSatisfying(Incoming.Message.class, m -> {
            assertThat(m.text()).isEqualTo("straight to you");
            assertThat(m.route()).isEqualTo(Route.DIRECT);
            assertThat(m.from()).isEqualTo(b);
        });
        assertThat(alice.receive(Duration.ofMillis(100))).isNull();
    }

    @Test
    void aMessageTakenIsAckedAndOneLeftUnreadComesAgainOnTheNextLogin() throws Exception {
        NymdirClient alice = env.registered("alice");
        NymdirClient bob = env.registered("bob");
        String b = bob.identity().username();
        alice.send(b, "read");
        assertThat(bob.receive(env.timeout())).isInstanceOf(Incoming.Message.class); // taken, so acked
        // the directory handles one sender's requests in order: once this lookup is answered, so is the ack
        bob.lookup(alice.identity().username());
        alice.send(b, "unread");
        bob.close(); // without taking it: no ack

        NymdirClient bobAgain = env.client(bob.identity(), env.clientConfig());
        bobAgain.login(); // a new fresh tag: the directory sends what bob has not acked
        assertThat(bobAgain.receive(env.timeout())).isInstanceOfSatisfying(Incoming.Message.class,
                m -> assertThat(m.text()).isEqualTo("unread"));
        assertThat(bobAgain.receive(Duration.ofMillis(300))).as("the acked one stays gone").isNull();
    }
}
