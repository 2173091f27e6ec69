package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.Delivery;
import org.nymdir.testing.Inbox;
import org.nymdir.testing.LocalMixnetExtension;
import org.nymdir.testing.Requests;
import org.nymdir.testing.SendLoad;
import org.nymdir.testing.TestUser;

/**
 * Crash: the directory runs as its own process; under load (four clients sending signed messages to two
 * recipients) it is SIGKILLed, then started again on the same files. Every send that was answered "success"
 * must reach its recipient, before or after the restart, or still wait in the mailbox; and the database
 * must be intact.
 *
 * <p>Bob is a v1 client (delivered = handed to the nym-client); carol acks, but not until the end, so every
 * message she got before the crash is still in the mailbox, and the restart's resume path must hand all of
 * them to her again: that part is deterministic, whatever moment the kill hits.
 */
class DirectoryCrashIT {
    private static final int SENDERS = 4;
    private static final int ACCEPTED_BEFORE_KILL = 60;

    @RegisterExtension
    final LocalMixnetExtension mixnet = LocalMixnetExtension.builder().build();
    @TempDir
    Path dir;

    @Test
    void everyAcceptedSendSurvivesASigkillOfTheServer() throws Exception {
        LocalMixnet sim = mixnet.sim();
        try (ServerProcess server = new ServerProcess(dir, sim.serviceUrl(), Map.of())) {
            NymAddress address = server.start();
            String key = server.publicKeyPem();

            TestUser bob = TestUser.named("bob");
            TestUser carol = TestUser.named("carol");
            List<SendLoad.Sender> senders = SendLoad.registerSenders(SENDERS, name -> ChatPeer.connect(sim.clientUrl(name), address, key));
            ChatPeer bobPeer = ChatPeer.connect(sim.clientUrl("bob"), address, key);
            bobPeer.register(bob);
            ChatPeer carolPeer = ChatPeer.connect(sim.clientUrl("carol"), address, key);
            carolPeer.register(carol);
            try (Inbox bobInbox = new Inbox(bobPeer); Inbox carolInbox = new Inbox(carolPeer)) {
                assertThat(carolInbox.ack(carol, List.of("0".repeat(32)))).as("carol acks from now on")
                        .isEqualTo("success");
                run(sim, server, address, key, senders, bobInbox, carolInbox, carol);
            }
        }
    }

    private void run(LocalMixnet sim, ServerProcess server, NymAddress address, String key,
                     List<SendLoad.Sender> senders, Inbox bobInbox, Inbox carolInbox, TestUser carol)
            throws Exception {
        try (SendLoad load = SendLoad.start(senders, List.of("bob", "carol"), 1)) {
            Await.until(ACCEPTED_BEFORE_KILL + " sends accepted", () -> load.acceptedCount() >= ACCEPTED_BEFORE_KILL,
                    Duration.ofSeconds(60));
            load.stop();
            server.kill(); // SIGKILL mid-stream, checked
            Set<String> acceptedBeforeKill = load.accepted().keySet();
            int carolHadBeforeRestart = carolInbox.received().size();
            int bobHadBeforeRestart = bobInbox.received().size();
            DatabaseFiles.assertIntact(server.files().database());

            server.start(); // same files
            load.finish(Duration.ofSeconds(5)); // answers held by the mixnet come now; lost requests don't
            assertThat(load.failures()).isEmpty();
            assertThat(load.refused()).isEmpty();

            // The restarted server works: a sender on a new connection (new tag) is answered as usual.
            ChatPeer again = ChatPeer.connect(sim.clientUrl("sender0-again"), address, key);
            again.login(senders.get(0).user());
            Map<String, String> accepted = load.accepted();
            for (String to : List.of("bob", "carol")) {
                for (int i = 0; i < 3; i++) {
                    String body = "after-" + to + "-" + i;
                    JsonNode reply = again.call(Requests.send(senders.get(0).user(),
                            Requests.content("sender0", to, "\"" + body + "\"")));
                    assertThat(reply.get("content").textValue()).isEqualTo("success");
                    accepted.put(body, to);
                }
            }
            again.close();

            List<String> forCarol = bodiesFor(accepted, "carol");
            Map<String, List<String>> acceptedFor = Map.of("bob", bodiesFor(accepted, "bob"), "carol", forCarol);
            Delivery delivery = new Delivery(Map.of("bob", bobInbox, "carol", carolInbox));
            delivery.awaitQuietly(acceptedFor, Duration.ofSeconds(20));

            // Resume after the crash: carol had acked nothing, so everything accepted for her before the
            // kill came again after the restart (on the same, still fresh, tag).
            Set<String> carolAfterRestart = new HashSet<>(bodiesAfter(carolInbox, carolHadBeforeRestart));
            assertThat(carolAfterRestart).as("carol's unacked mail, handed out again after the restart")
                    .containsAll(forCarol.stream().filter(acceptedBeforeKill::contains).toList());
            // Carol acks what she got; acks work on the restarted server.
            List<String> ids = carolInbox.received().stream().map(Inbox.Message::id).distinct().toList();
            assertThat(carolInbox.ack(carol, ids)).isEqualTo("success");

            server.stop();
            Map<String, List<MailboxMessage>> mailbox =
                    delivery.assertDeliveredOrStored(server.files().database(), acceptedFor);
            assertThat(Delivery.waiting(mailbox, "carol")).as("carol acked all she got")
                    .doesNotContainAnyElementsOf(carolInbox.bodies());

            long bobResumed = bodiesAfter(bobInbox, bobHadBeforeRestart).stream()
                    .filter(acceptedBeforeKill::contains).count();
            System.out.printf("crash test: %d sends, %d accepted before the kill, %d unanswered (died with the"
                            + " server), bob got %d of his pre-kill messages only after the restart%n",
                    load.sentCount(), acceptedBeforeKill.size(), load.unanswered().size(), bobResumed);
        }
    }

    private static List<String> bodiesFor(Map<String, String> accepted, String recipient) {
        return accepted.entrySet().stream().filter(e -> e.getValue().equals(recipient)).map(Map.Entry::getKey).toList();
    }

    private static List<String> bodiesAfter(Inbox inbox, int index) {
        List<String> all = inbox.bodies();
        return all.subList(index, all.size());
    }
}
