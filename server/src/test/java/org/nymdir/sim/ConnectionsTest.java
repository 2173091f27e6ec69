package org.nymdir.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.sim.RequestsOverWebSocketTest.selfAddress;
import static org.nymdir.testing.WsPeer.utf8;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/** One connection per client, fresh and stable addresses, addresses kept across restarts, sender tag scope. */
class ConnectionsTest {
    static final Duration SOON = Duration.ofSeconds(5);

    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    LocalMixnet sim;

    @BeforeEach
    void start() {
        sim = mixnet.sim();
    }

    @Test
    void secondServiceConnectionIsCutBeforeTheHandshakeAndTheFirstStaysUp() {
        try (WsPeer first = WsPeer.connect(sim.serviceUrl())) {
            WsPeer.connectFailure(sim.serviceUrl());
            // >= 1: the JDK's HttpClient retries a GET once after a reset connection
            assertThat(sim.stats().connectionsRefused()).isPositive();
            assertThat(selfAddress(first, true)).isEqualTo(sim.serviceAddress());
        }
        try (WsPeer again = WsPeer.connectWhenFree(sim.serviceUrl(), SOON)) {
            assertThat(selfAddress(again, false)).isEqualTo(sim.serviceAddress());
        }
    }

    @Test
    void secondConnectionForANameIsRefusedDuringTheHandshake() {
        try (WsPeer alice = WsPeer.connect(sim.clientUrl("alice"))) {
            WsPeer.connectFailure(sim.clientUrl("alice"));
            assertThat(selfAddress(alice, true)).isEqualTo(sim.clientAddress("alice"));
            try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob"))) {
                assertThat(selfAddress(bob, true)).isNotEqualTo(sim.clientAddress("alice"));
            }
        }
        assertThat(sim.stats().connectionsRefused()).isEqualTo(1);
    }

    @Test
    void badNamesAreRefused() {
        WsPeer.connectFailure(sim.clientUrl("no spaces allowed"));
        WsPeer.connectFailure(sim.clientUrl("x".repeat(65)));
    }

    @Test
    void everyClientsPortConnectionIsAFreshClient() {
        NymAddress a;
        NymAddress b;
        try (WsPeer one = WsPeer.connect(sim.clientsUrl()); WsPeer two = WsPeer.connect(sim.clientsUrl())) {
            a = selfAddress(one, true);
            b = selfAddress(two, true);
        }
        try (WsPeer three = WsPeer.connect(sim.clientsUrl())) {
            assertThat(selfAddress(three, true)).isNotIn(a, b);
        }
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void addressesSurviveARestartOnTheSameStateFolder() {
        NymAddress service = sim.serviceAddress();
        NymAddress alice;
        try (WsPeer peer = WsPeer.connect(sim.clientUrl("alice"))) {
            alice = selfAddress(peer, true);
        }
        sim = mixnet.restart();
        assertThat(sim.serviceAddress()).isEqualTo(service);
        try (WsPeer peer = WsPeer.connect(sim.clientUrl("alice"))) {
            assertThat(selfAddress(peer, false)).isEqualTo(alice);
        }
    }

    @Test
    void tagIsStablePerRecipientWithinARunAndNewOnReconnect() {
        try (WsPeer service = WsPeer.connect(sim.serviceUrl())) {
            SenderTag first;
            SenderTag toBob;
            try (WsPeer alice = WsPeer.connect(sim.clientUrl("alice")); WsPeer bob = WsPeer.connect(sim.clientUrl("bob"))) {
                first = anonymousTo(alice, service, sim.serviceAddress());
                assertThat(anonymousTo(alice, service, sim.serviceAddress())).isEqualTo(first);
                toBob = anonymousTo(alice, bob, sim.clientAddress("bob"));
                assertThat(toBob).isNotEqualTo(first);
            }
            try (WsPeer alice = WsPeer.connectWhenFree(sim.clientUrl("alice"), SOON)) {
                SenderTag second = anonymousTo(alice, service, sim.serviceAddress());
                assertThat(second).isNotEqualTo(first).isNotEqualTo(toBob);
            }
        }
    }

    @Test
    void theServiceClientKeepsItsTagsAcrossWebSocketReconnects() {
        SenderTag first;
        try (WsPeer bob = WsPeer.connect(sim.clientUrl("bob"))) {
            try (WsPeer service = WsPeer.connect(sim.serviceUrl())) {
                first = anonymousTo(service, bob, sim.clientAddress("bob"));
            }
            try (WsPeer service = WsPeer.connectWhenFree(sim.serviceUrl(), SOON)) {
                assertThat(anonymousTo(service, bob, sim.clientAddress("bob"))).isEqualTo(first);
            }
        }
    }

    @Test
    void disconnectServiceDropsTheConnectionAndRefuseServiceKeepsItOut() {
        try (WsPeer service = WsPeer.connect(sim.serviceUrl())) {
            sim.refuseService(Duration.ofMinutes(1));
            sim.disconnectService();
            assertThat(service.awaitClosed(SOON)).isNotEqualTo(1000);
        }
        WsPeer.connectFailure(sim.serviceUrl());
        try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
            alice.send(new ClientRequest.Send(sim.serviceAddress(), utf8("while away")), true);
            Await.equal("held", () -> sim.stats().held(), 1L);
        }
        sim.refuseService(Duration.ZERO);
        try (WsPeer service = WsPeer.connectWhenFree(sim.serviceUrl(), SOON)) {
            assertThat(service.nextResponse()).isEqualTo(new ServerResponse.Received(utf8("while away"), null));
        }
    }

    static SenderTag anonymousTo(WsPeer from, WsPeer to, NymAddress toAddress) {
        from.send(new ClientRequest.SendAnonymous(toAddress, utf8("ping"), 10), true);
        return ((ServerResponse.Received) to.nextResponse()).senderTag();
    }
}
