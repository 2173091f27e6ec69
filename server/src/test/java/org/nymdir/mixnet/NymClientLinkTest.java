package org.nymdir.mixnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/** The link to our nym-client, against the local mixnet: it comes back after the nym-client goes away. */
class NymClientLinkTest {
    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();

    /**
     * An idle link must notice that its nym-client went away: the nym-client holds what arrives meanwhile
     * until we connect again, so a link that waited for something to write would never see it.
     */
    @Test
    void anIdleLinkComesBackAndGetsWhatWasHeldMeanwhile() throws Exception {
        BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
        LocalMixnet sim = mixnet.sim();
        try (NymClientLink link = new NymClientLink(sim.serviceUrl(), 100, 1 << 20)) {
            link.start(inbound::add);
            assertThat(link.awaitSelfAddress(Duration.ofSeconds(10))).isEqualTo(sim.serviceAddress());
            for (int round = 0; round < 3; round++) {
                sim.refuseService(Duration.ofMillis(300));
                sim.disconnectService();
                try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
                    String text = "while away " + round;
                    alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress(), utf8(text), 20, null), true);
                    Inbound got = inbound.poll(20, TimeUnit.SECONDS);
                    assertThat(got).as("held by the nym-client, received once the link is back").isNotNull();
                    assertThat(new String(got.message(), StandardCharsets.UTF_8)).isEqualTo(text);
                    // A confirmed reply completes once the nym-client has it, and arrives.
                    link.replyConfirmed(got.senderTag(), "back " + round).get(20, TimeUnit.SECONDS);
                    assertThat(alice.nextResponse()).isEqualTo(
                            new ServerResponse.Received(utf8("back " + round), null));
                }
            }
        }
    }
}
