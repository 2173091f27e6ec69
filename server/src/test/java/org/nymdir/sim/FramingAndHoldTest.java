package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/** nym-client's framing quirk (binary until the user's first text frame) and the gateway's offline hold. */
class FramingAndHoldTest {
    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    LocalMixnet sim;

    void start(UnaryOperator<SimConfig.Builder> settings) {
        sim = mixnet.start(settings);
    }

    @Test
    void receivedIsBinaryUntilTheUserSendsTextAndFollowsTheLastRequestType() {
        sim = mixnet.sim();
        try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob")); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            NymAddress bobAddress = sim.clientAddress("bob");
            alice.send(new ClientRequest.Send(bobAddress, utf8("1")), true);
            assertThat(bob.next()).isInstanceOf(WsPeer.Frame.Binary.class);

            bob.send(new ClientRequest.SelfAddress(), true); // a text frame switches pushes to text
            assertThat(bob.next()).isInstanceOf(WsPeer.Frame.Text.class);
            alice.send(new ClientRequest.Send(bobAddress, utf8("2")), false);
            assertThat(bob.nextText()).isEqualTo("{\"type\":\"received\",\"message\":\"2\",\"senderTag\":null}");

            bob.sendBinary(new byte[] {0x42}); // even a bad binary request switches back to binary
            assertThat(bob.next()).isInstanceOf(WsPeer.Frame.Binary.class); // its error, in binary
            alice.send(new ClientRequest.Send(bobAddress, utf8("3")), true);
            assertThat(WsPeer.decode(bob.next())).isEqualTo(new ServerResponse.Received(utf8("3"), null));
        }
    }

    @Test
    void textModeSwitchStartsInText() {
        start(b -> b.textMode(true));
        try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob")); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.Send(sim.clientAddress("bob"), utf8("hi")), false);
            assertThat(bob.nextText()).contains("\"message\":\"hi\"");
        }
    }

    @Test
    void heldMessagesAreFlushedOnConnectInTheInitialFramingAheadOfTheFirstReply() {
        sim = mixnet.sim();
        NymAddress bob = sim.clientAddress("bob");
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.Send(bob, utf8("first")), true);
            alice.send(new ClientRequest.SendAnonymous(bob, utf8("second"), 5), true);
            Await.equal("held", () -> sim.stats().held(), 2L);
        }
        try (WsPeer peer = WsPeer.connect(sim.clientUrl("bob"))) {
            peer.send(new ClientRequest.SelfAddress(), true);
            WsPeer.Frame one = peer.next();
            WsPeer.Frame two = peer.next();
            assertThat(one).isInstanceOf(WsPeer.Frame.Binary.class);
            assertThat(two).isInstanceOf(WsPeer.Frame.Binary.class);
            assertThat(WsPeer.decode(one)).isEqualTo(new ServerResponse.Received(utf8("first"), null));
            assertThat(((ServerResponse.Received) WsPeer.decode(two)).senderTag()).isNotNull();
            assertThat(WsPeer.decode(peer.next())).isEqualTo(new ServerResponse.SelfAddressResponse(bob));
        }
        assertThat(sim.stats().deliveredFromHold()).isEqualTo(2);
    }

    @Test
    void theHoldIsBounded() {
        start(b -> b.holdLimit(3));
        NymAddress bob = sim.clientAddress("bob");
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            for (int i = 0; i < 5; i++) {
                alice.send(new ClientRequest.Send(bob, utf8("m" + i)), true);
            }
            Await.equal("dropped", () -> sim.stats().droppedHoldFull(), 2L);
        }
        try (WsPeer peer = WsPeer.connect(sim.clientUrl("bob"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(peer.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("m" + i), null));
            }
            peer.expectNothing(java.time.Duration.ofMillis(100));
        }
        assertThat(sim.stats().held()).isEqualTo(3);
    }

    @Test
    void theHoldIsBoundedInBytesToo() {
        start(b -> b.holdBytesLimit(10));
        NymAddress bob = sim.clientAddress("bob");
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.Send(bob, utf8("12345678")), true);
            alice.send(new ClientRequest.Send(bob, utf8("123")), true);
            Await.equal("dropped", () -> sim.stats().droppedHoldFull(), 1L);
        }
    }

    @Test
    void messagesToAClientThatCanNeverComeBackAreDropped() {
        sim = mixnet.sim();
        NymAddress gone;
        try (WsPeer ephemeral = WsPeer.connect(sim.clientsUrl())) {
            gone = RequestsOverWebSocketTest.selfAddress(ephemeral, true);
        }
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            Await.until("the ephemeral client is gone", () -> sim.stats().activeConnections() == 1);
            alice.send(new ClientRequest.Send(gone, utf8("anyone?")), true);
            alice.send(new ClientRequest.Send(NymAddress.fromBytes(new byte[96]), utf8("nobody")), true);
            Await.equal("dropped", () -> sim.stats().droppedUnknownRecipient(), 2L);
        }
    }
}
