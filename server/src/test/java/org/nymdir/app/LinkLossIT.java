package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.sim.Faults;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Delivery;
import org.nymdir.testing.Inbox;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.SendLoad;
import org.nymdir.testing.TestUser;

/**
 * The nym-client goes away under load: the local mixnet drops the directory's connection and refuses it for a
 * while, twice, while four clients keep sending signed messages to a v1 recipient and an acking one (with
 * delay and reordering on). Nothing is lost: every accepted send reaches its recipient or still waits in the
 * mailbox, and requests sent while the link is down are answered once it is back.
 *
 * <p>What no directory can promise is an answer for the request in flight at the very moment the connection
 * breaks: the nym-client WebSocket API confirms nothing, so a request pushed into the dying socket, or an
 * answer written into it, is gone (a real nym-client does the same as the local mixnet). Each sender has one
 * request in flight, so at most one per sender and drop may go unanswered; its sender gives up on it after a
 * while and goes on from a new connection, as a client would. Mailbox messages are different: the link
 * writes them again until the nym-client confirms it has them.
 */
class LinkLossIT {
    private static final int SENDERS = 4;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(8);
    private static final int OUTAGES = 2;
    private static final int ACCEPTED_BETWEEN_OUTAGES = 40;

    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder()
            .faults(Faults.NONE.withLatency(Duration.ofMillis(2)).withJitter(Duration.ofMillis(3)))
            // Pipelined senders would hit the default send rate; this test is about the link, not the limits.
            .settings(Map.of("NYMDIR_LIMIT_SEND", "off"))
            .build();

    @Test
    void nothingIsLostWhileTheNymClientIsAway() throws Exception {
        LocalDirectory running = env.local();
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        List<SendLoad.Sender> senders = SendLoad.registerSenders(SENDERS, env::peer);
        ChatPeer bobPeer = env.peer("bob");
        bobPeer.register(bob);
        ChatPeer carolPeer = env.peer("carol");
        carolPeer.register(carol);
        try (Inbox bobInbox = new Inbox(bobPeer); Inbox carolInbox = new Inbox(carolPeer)) {
            assertThat(carolInbox.ack(carol, List.of("0".repeat(32)))).isEqualTo("success");
            AtomicInteger connections = new AtomicInteger();
            SendLoad load = SendLoad.startWithTimeout(senders, List.of("bob", "carol"), ANSWER_TIMEOUT, user -> {
                ChatPeer peer = env.peer(user.name() + "-" + connections.incrementAndGet());
                peer.login(user);
                return peer;
            });
            try {
                for (int outage = 1; outage <= OUTAGES + 1; outage++) {
                    int target = outage * ACCEPTED_BETWEEN_OUTAGES;
                    try {
                        Await.until(target + " sends accepted", () -> load.acceptedCount() >= target,
                                Duration.ofSeconds(60));
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + " (" + load.sentCount() + " sent, "
                                + load.acceptedCount() + " accepted, unanswered " + load.unanswered()
                                + ", refused " + load.refused() + ", failures " + load.failures() + "; "
                                + running.sim().summary() + ")", e);
                    }
                    if (outage <= OUTAGES) {
                        running.sim().refuseService(Duration.ofMillis(1500));
                        running.sim().disconnectService(); // as if the nym-client crashed
                    }
                }
                load.finish(Duration.ofSeconds(30));
            } finally {
                load.close();
            }
            assertThat(load.failures()).isEmpty();
            assertThat(load.refused()).isEmpty();
            assertThat(running.sim().stats().connectionsRefused()).as("the link was really refused")
                    .isPositive();

            Map<String, String> accepted = load.accepted();
            Map<String, List<String>> acceptedFor = Map.of("bob", load.acceptedFor("bob"),
                    "carol", load.acceptedFor("carol"));
            Delivery delivery = new Delivery(Map.of("bob", bobInbox, "carol", carolInbox));
            delivery.awaitQuietly(acceptedFor, Duration.ofSeconds(20));
            running.stopDirectory();
            Map<String, List<MailboxMessage>> mailbox =
                    delivery.assertDeliveredOrStored(running.files().database(), acceptedFor);
            List<String> unanswered = load.unanswered();
            assertThat(unanswered).as("only what was in flight when the connection broke").hasSizeLessThanOrEqualTo(
                    SENDERS * OUTAGES);
            assertThat(accepted.size() + unanswered.size()).isEqualTo(load.sentCount());
            System.out.printf("link test: %d sends, %d accepted, %d unanswered (in flight when the link broke);"
                            + " bob got %d, carol %d (acking); %d left in the mailbox; %s%n",
                    load.sentCount(), accepted.size(), unanswered.size(), bobInbox.received().size(),
                    carolInbox.received().size(), mailbox.values().stream().mapToInt(List::size).sum(),
                    running.sim().summary());
        }
    }
}
