package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.sim.Faults;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Inbox;
import org.nymdir.testing.RunningDirectory;
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

    @TempDir
    Path dir;

    @Test
    void nothingIsLostWhileTheNymClientIsAway() throws Exception {
        SimConfig sim = SimConfig.ephemeral(dir.resolve("sim")).toBuilder()
                .faults(Faults.NONE.withLatency(Duration.ofMillis(2)).withJitter(Duration.ofMillis(3)))
                .build();
        // Pipelined senders would hit the default send rate; this test is about the link, not the limits.
        try (RunningDirectory running = RunningDirectory.start(dir, sim, Map.of("NYMDIR_LIMIT_SEND", "off"))) {
            TestUser bob = TestUser.named("bob");
            TestUser carol = TestUser.named("carol");
            List<SendLoad.Sender> senders = SendLoad.registerSenders(SENDERS, running::peer);
            ChatPeer bobPeer = running.peer("bob");
            bobPeer.register(bob);
            ChatPeer carolPeer = running.peer("carol");
            carolPeer.register(carol);
            try (Inbox bobInbox = new Inbox(bobPeer); Inbox carolInbox = new Inbox(carolPeer)) {
                assertThat(ack(carolInbox, carol, List.of("0".repeat(32)))).isEqualTo("success");
                AtomicInteger connections = new AtomicInteger();
                SendLoad load = SendLoad.startWithTimeout(senders, List.of("bob", "carol"), ANSWER_TIMEOUT, user -> {
                    ChatPeer peer = running.peer(user.name() + "-" + connections.incrementAndGet());
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
                                    + running.mixnet().summary() + ")", e);
                        }
                        if (outage <= OUTAGES) {
                            running.mixnet().refuseService(Duration.ofMillis(1500));
                            running.mixnet().disconnectService(); // as if the nym-client crashed
                        }
                    }
                    load.finish(Duration.ofSeconds(30));
                } finally {
                    load.close();
                }
                assertThat(load.failures()).isEmpty();
                assertThat(load.refused()).isEmpty();
                assertThat(running.mixnet().stats().connectionsRefused()).as("the link was really refused")
                        .isPositive();

                Map<String, String> accepted = load.accepted();
                List<String> forBob = load.acceptedFor("bob");
                List<String> forCarol = load.acceptedFor("carol");
                try {
                    Await.until("every accepted message delivered",
                            () -> new HashSet<>(bobInbox.bodies()).containsAll(forBob)
                                    && new HashSet<>(carolInbox.bodies()).containsAll(forCarol),
                            Duration.ofSeconds(20));
                } catch (AssertionError e) {
                    // checked precisely below, with the mailbox
                }
                assertThat(bobInbox.failures()).isEmpty();
                assertThat(carolInbox.failures()).isEmpty();
                running.stopDirectory();
                DatabaseFiles.assertIntact(running.databasePath());
                Map<String, List<MailboxMessage>> mailbox = DatabaseFiles.mailbox(running.databasePath());
                assertDeliveredOrStored("bob", forBob, bobInbox, mailbox);
                assertDeliveredOrStored("carol", forCarol, carolInbox, mailbox);
                List<String> unanswered = load.unanswered();
                assertThat(unanswered).as("only what was in flight when the connection broke").hasSizeLessThanOrEqualTo(
                        SENDERS * OUTAGES);
                assertThat(accepted.size() + unanswered.size()).isEqualTo(load.sentCount());
                System.out.printf("link test: %d sends, %d accepted, %d unanswered (in flight when the link broke);"
                                + " bob got %d, carol %d (acking); %d left in the mailbox; %s%n",
                        load.sentCount(), accepted.size(), unanswered.size(), bobInbox.received().size(),
                        carolInbox.received().size(), mailbox.values().stream().mapToInt(List::size).sum(),
                        running.mixnet().summary());
            }
        }
    }

    static String ack(Inbox inbox, TestUser user, List<String> ids) {
        String content = Fixtures.JSON.createObjectNode().put("username", user.name())
                .set("ids", Fixtures.JSON.valueToTree(ids)).toString();
        JsonNode reply = inbox.call(Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", user.sign(content)));
        assertThat(reply.get("action").textValue()).isEqualTo("ackResponse");
        return reply.get("content").textValue();
    }

    /** Bodies the recipient got, or that wait for it in the mailbox. */
    private static Set<String> found(String recipient, Inbox inbox, Map<String, List<MailboxMessage>> mailbox) {
        Set<String> found = new HashSet<>(inbox.bodies());
        mailbox.getOrDefault(recipient, List.of()).forEach(m -> found.add(ChatPeer.parse(m.rawBody()).textValue()));
        return found;
    }

    private static void assertDeliveredOrStored(String recipient, List<String> accepted, Inbox inbox,
                                                Map<String, List<MailboxMessage>> mailbox) {
        Set<String> found = found(recipient, inbox, mailbox);
        List<String> missing = accepted.stream().filter(b -> !found.contains(b)).toList();
        assertThat(missing).as("accepted for %s, neither delivered nor in the mailbox", recipient).isEmpty();
    }
}
