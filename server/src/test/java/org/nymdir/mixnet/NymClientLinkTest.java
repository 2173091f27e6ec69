package org.nymdir.mixnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nymdir.testing.WsPeer.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientRequest;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.testing.Await;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.WsPeer;

/**
 * The link to our nym-client, against the local mixnet: it comes back after the nym-client goes away, when
 * its backoff says so. The nym-client stays away until the test lets it back (a refusal of a day, lifted),
 * and each pause lasts until the test ends it, so no test waits for a backoff to pass.
 */
class NymClientLinkTest {
    private static final Duration AWAY = Duration.ofDays(1);

    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();

    /** A backoff the test steps: records each pause, which lasts until the test releases it. */
    private static final class SteppedBackoff implements ReconnectBackoff {
        private final BlockingQueue<Integer> pauses = new LinkedBlockingQueue<>();
        private final Semaphore releases = new Semaphore(0);
        private final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public void pause(int failures) throws InterruptedException {
            pauses.add(failures);
            try {
                releases.acquire();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }

        /** The failure count of the link's next pause, once it pauses. */
        int nextPause() throws InterruptedException {
            Integer failures = pauses.poll(20, TimeUnit.SECONDS);
            if (failures == null) {
                throw new AssertionError("the link never paused");
            }
            return failures;
        }

        void release() {
            releases.release();
        }
    }

    /**
     * An idle link must notice that its nym-client went away: the nym-client holds what arrives meanwhile
     * until we connect again, so a link that waited for something to write would never see it.
     */
    @Test
    void anIdleLinkComesBackAndGetsWhatWasHeldMeanwhile() throws Exception {
        BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
        SteppedBackoff backoff = new SteppedBackoff();
        LocalMixnet sim = mixnet.sim();
        try (NymClientLink link = new NymClientLink(sim.serviceUrl(), 100, 1 << 20, backoff)) {
            link.start(inbound::add);
            assertThat(link.awaitSelfAddress(Duration.ofSeconds(10))).isEqualTo(sim.serviceAddress());
            for (int round = 0; round < 3; round++) {
                sim.refuseService(AWAY);
                sim.disconnectService();
                assertThat(backoff.nextPause()).as("the link noticed, and its first attempt failed").isEqualTo(1);
                try (WsPeer alice = WsPeer.connect(sim.clientsUrl())) {
                    String text = "while away " + round;
                    alice.send(new ClientRequest.SendAnonymous(sim.serviceAddress(), utf8(text), 20, null), true);
                    sim.refuseService(Duration.ZERO); // the nym-client is back
                    backoff.release();
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
     * The injected backoff decides when each attempt happens: one attempt per pause, the count of failures in
     * a row passed to it, back to one after a connection; closing the link ends a pause.
     */
    @Test
    void attemptsToReconnectOnlyWhenItsBackoffSaysSo() throws Exception {
        SteppedBackoff backoff = new SteppedBackoff();
        LocalMixnet sim = mixnet.sim();
        try (NymClientLink link = new NymClientLink(sim.serviceUrl(), 100, 1 << 20, backoff)) {
            sim.refuseService(AWAY); // no nym-client listening yet
            link.start(m -> { });
            for (int failures = 1; failures <= 4; failures++) {
                assertThat(backoff.nextPause()).as("a pause after each failed attempt").isEqualTo(failures);
                long attempts = failures;
                Await.until("attempt " + attempts + " was refused", () -> sim.stats().connectionsRefused() >= attempts);
                assertThat(link.isConnected()).isFalse();
                if (failures < 4) {
                    backoff.release();
                }
            }
            sim.refuseService(Duration.ZERO);
            assertThat(link.awaitSelfAddress(Duration.ofMillis(50))).as("paused: no attempt yet").isNull();
            backoff.release();
            assertThat(link.awaitSelfAddress(Duration.ofSeconds(10))).isEqualTo(sim.serviceAddress());
            assertThat(backoff.pauses).as("no pause but the four").isEmpty();
            // The JDK's WebSocket client tries a refused TCP connect once more by itself: 1 or 2 per attempt.
            assertThat(sim.stats().connectionsRefused()).as("no attempt but the four").isBetween(4L, 8L);

            sim.refuseService(AWAY);
            sim.disconnectService(); // a lost connection is tried again at once; its failure is the first again
            assertThat(backoff.nextPause()).isEqualTo(1);
        }
        assertThat(backoff.interrupted).as("closing the link ended its pause").isTrue();
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
        NymClientLink link = new NymClientLink(java.net.URI.create("ws://127.0.0.1:9/"), 100_000, bound, 1 << 20,
                ExponentialBackoff.DEFAULT);
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
