package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.sim.RequestsOverWebSocketTest.selfAddress;
import static org.nymdir.testing.WsPeer.utf8;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.testing.Await;
import org.nymdir.testing.WsPeer;

/** Several service clients (one nym-client per directory node): own ports, own addresses, own tags, own holds. */
class ServiceClientsTest {
    static final Duration SOON = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    LocalMixnet sim;

    @BeforeEach
    void start() throws IOException {
        sim = LocalMixnet.start(SimConfig.ephemeral(dir));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void eachServiceClientHasItsPortAndAddressAndTheyLastAcrossRestarts() throws IOException {
        assertThat(sim.serviceUrl("a")).isNotEqualTo(sim.serviceUrl("b")).isNotEqualTo(sim.serviceUrl());
        assertThat(sim.serviceUrl("a")).as("started once").isEqualTo(sim.serviceUrl("a"));
        NymAddress a = sim.serviceAddress("a");
        NymAddress b = sim.serviceAddress("b");
        assertThat(a).isNotEqualTo(b).isNotEqualTo(sim.serviceAddress());
        try (WsPeer nodeA = WsPeer.connect(sim.serviceUrl("a")); WsPeer nodeB = WsPeer.connect(sim.serviceUrl("b"))) {
            assertThat(selfAddress(nodeA, true)).isEqualTo(a);
            assertThat(selfAddress(nodeB, true)).isEqualTo(b);
            WsPeer.connectFailure(sim.serviceUrl("a")); // one connection at a time, like any nym-client
        }
        sim.close();
        sim = LocalMixnet.start(SimConfig.ephemeral(dir));
        assertThat(sim.serviceAddress("a")).isEqualTo(a);
        try (WsPeer nodeA = WsPeer.connect(sim.serviceUrl("a"))) {
            assertThat(selfAddress(nodeA, false)).isEqualTo(a);
        }
    }

    @Test
    void aReplyGoesOnlyThroughTheServiceClientThatHoldsTheTag() throws IOException {
        try (WsPeer alice = WsPeer.connect(sim.clientUrl("alice"));
             WsPeer nodeA = WsPeer.connect(sim.serviceUrl("a")); WsPeer nodeB = WsPeer.connect(sim.serviceUrl("b"))) {
            alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress("a"), utf8("hello a"), 10), true);
            SenderTag tag = ((ServerResponse.Received) nodeA.nextResponse()).senderTag();
            nodeA.send(new ClientRequest.Reply(tag, utf8("from a")), true);
            assertThat(alice.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("from a"), null));
            long dropped = sim.stats().repliesDroppedUnknownTag();
            nodeB.send(new ClientRequest.Reply(tag, utf8("from b")), true); // b holds no SURBs for a's tag
            Await.equal("b's reply vanishes", () -> sim.stats().repliesDroppedUnknownTag(), dropped + 1);
        }
    }

    @Test
    void aServiceClientHoldsMessagesWhileItsNodeIsAway() throws IOException {
        NymAddress b = sim.serviceAddress("b");
        sim.serviceUrl("b");
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.Send(b, utf8("while b is away")), true);
            Await.equal("held", () -> sim.stats().held(), 1L);
        }
        try (WsPeer nodeB = WsPeer.connectWhenFree(sim.serviceUrl("b"), SOON)) {
            assertThat(nodeB.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("while b is away"), null));
        }
    }
}
