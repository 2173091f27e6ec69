package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/** Every request and response type, in text and in binary, over real WebSockets. */
class RequestsOverWebSocketTest {
    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    LocalMixnet sim;

    @BeforeEach
    void start() {
        sim = mixnet.sim();
    }

    static NymAddress selfAddress(WsPeer peer, boolean text) {
        peer.send(new ClientRequest.SelfAddress(), text);
        WsPeer.Frame frame = peer.next();
        assertThat(frame).isInstanceOf(text ? WsPeer.Frame.Text.class : WsPeer.Frame.Binary.class);
        return ((ServerResponse.SelfAddressResponse) WsPeer.decode(frame)).address();
    }

    @ParameterizedTest(name = "text={0}")
    @ValueSource(booleans = {true, false})
    void selfAddressOfTheServiceIsTheKeptOne(boolean text) {
        try (WsPeer service = WsPeer.connect(sim.serviceUrl())) {
            assertThat(selfAddress(service, text)).isEqualTo(sim.serviceAddress());
        }
    }

    @ParameterizedTest(name = "text={0}")
    @ValueSource(booleans = {true, false})
    void sendArrivesWithoutTag(boolean text) {
        try (WsPeer service = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            selfAddress(service, text); // sets the service's framing to this test's frame type
            alice.send(new ClientRequest.Send(sim.serviceAddress(), utf8("hello")), text);
            WsPeer.Frame frame = service.next();
            assertThat(frame).isInstanceOf(text ? WsPeer.Frame.Text.class : WsPeer.Frame.Binary.class);
            assertThat(WsPeer.decode(frame)).isEqualTo(new ServerResponse.Received(utf8("hello"), null));
            if (text) {
                assertThat(((WsPeer.Frame.Text) frame).text())
                        .isEqualTo("{\"type\":\"received\",\"message\":\"hello\",\"senderTag\":null}");
            }
            alice.expectNothing(Duration.ofMillis(50)); // no ack, no id, no delivery report
        }
    }

    @ParameterizedTest(name = "text={0}")
    @ValueSource(booleans = {true, false})
    void sendAnonymousCarriesTheTagAndReplyComesBackUntagged(boolean text) {
        try (WsPeer service = WsPeer.connect(sim.serviceUrl()); WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            selfAddress(service, text);
            NymAddress aliceAddress = selfAddress(alice, text);
            alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress(), utf8("hi"), 20), text);
            ServerResponse.Received got = (ServerResponse.Received) service.nextResponse();
            assertThat(got.message()).isEqualTo(utf8("hi"));
            SenderTag tag = got.senderTag();
            assertThat(tag).isNotNull();
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(20);

            service.send(new ClientRequest.Reply(tag, utf8("hi back")), text);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("hi back"), null));
            assertThat(sim.surbsAvailable(sim.serviceAddress(), tag)).isEqualTo(19);
            assertThat(aliceAddress).isNotEqualTo(sim.serviceAddress());
        }
    }

    @ParameterizedTest(name = "text={0}")
    @ValueSource(booleans = {true, false})
    void connectionIdGetsOneLaneQueueLength(boolean text) {
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.Send(sim.serviceAddress(), utf8("x"), 7L), text);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.LaneQueueLength(7, 0));
            alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress(), utf8("x"), 1, 8L), text);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.LaneQueueLength(8, 0));
            alice.expectNothing(Duration.ofMillis(50));
        }
    }

    @org.junit.jupiter.api.Test
    void textConnectionIdZeroCountsAsPresent() {
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.sendText("{\"type\":\"send\",\"recipient\":\"" + sim.serviceAddress().text()
                    + "\",\"message\":\"x\",\"connectionId\":0}");
            assertThat(alice.nextText()).isEqualTo("{\"type\":\"laneQueueLength\",\"lane\":0,\"queue_length\":0}");
        }
    }

    @org.junit.jupiter.api.Test
    void binaryOnlyRequests() {
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.GetLaneQueueLength(3), false);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.LaneQueueLength(3, 0));
            alice.send(new ClientRequest.ClosedConnection(3), false);
            alice.expectNothing(Duration.ofMillis(50)); // no response to closedConnection
            assertThat(selfAddress(alice, false)).isNotNull();
        }
    }

    @org.junit.jupiter.api.Test
    void sendingToYourselfWorks() {
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            NymAddress me = selfAddress(alice, true);
            alice.send(new ClientRequest.SendAnonymous(me, utf8("note to self"), 0), true);
            ServerResponse.Received got = (ServerResponse.Received) alice.nextResponse();
            assertThat(got.message()).isEqualTo(utf8("note to self"));
            assertThat(got.senderTag()).isNotNull(); // repliable even with 0 SURBs
        }
    }
}
