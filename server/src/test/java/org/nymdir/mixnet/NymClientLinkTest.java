package org.nymdir.mixnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.testing.WsPeer;

/** The link to our nym-client, against the local mixnet: it comes back after the nym-client goes away. */
class NymClientLinkTest {
    @TempDir
    Path dir;

    /**
     * An idle link must notice that its nym-client went away: the nym-client holds what arrives meanwhile
     * until we connect again, so a link that waited for something to write would never see it.
     */
    @Test
    void anIdleLinkComesBackAndGetsWhatWasHeldMeanwhile() throws Exception {
        BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir));
             NymClientLink link = new NymClientLink(sim.serviceUrl(), 100, 1 << 20)) {
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

    /**
     * The outbound queue is bounded in bytes too: with the nym-client away, frames pile up only to the bound,
     * the next fails at once, and what a frame held is given back when the link is done with it.
     */
    @Test
    void theOutboundQueueIsBoundedInBytes() throws Exception {
        int bound = 64 << 10;
        SenderTag tag = SenderTag.parse("zXExeyvPEHUk9rjXTu78T");
        java.util.List<java.util.concurrent.CompletableFuture<Void>> queued = new java.util.ArrayList<>();
        NymClientLink link = new NymClientLink(java.net.URI.create("ws://127.0.0.1:9/"), 100_000, bound, 1 << 20);
        String body = "b".repeat(1000);
        java.util.concurrent.CompletableFuture<Void> last;
        do {
            last = link.reply(tag, body);
            queued.add(last);
        } while (!last.isDone() && queued.size() < 1000);
        assertThat(last).isCompletedExceptionally();
        assertThat(last.exceptionNow()).isInstanceOf(OutboundFullException.class).hasMessageContaining("bytes");
        assertThat(queued.size()).as("about 30 frames of some 2 KiB each").isBetween(20, 40);
        assertThat(link.queuedOutboundBytes()).isLessThanOrEqualTo(bound).isGreaterThan(bound - 2500);
        link.close(); // never connected: what waits is cancelled
        assertThat(queued.getFirst()).isCancelled();
        assertThat(link.queuedOutboundBytes()).isZero();
    }
}
