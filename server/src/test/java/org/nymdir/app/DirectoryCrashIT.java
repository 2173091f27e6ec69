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
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.mixnet.addressing.NymAddress;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.MailboxMessage;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Inbox;
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

    @TempDir
    Path dir;

    @Test
    void everyAcceptedSendSurvivesASigkillOfTheServer() throws Exception {
        try (LocalMixnet sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
             ServerProcess server = new ServerProcess(dir.resolve("server"), sim.serviceUrl().toString(), Map.of())) {
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
                assertThat(ack(carolInbox, carol, List.of("0".repeat(32)))).as("carol acks from now on")
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
            DatabaseFiles.assertIntact(server.database());

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

            List<String> forBob = bodiesFor(accepted, "bob");
            List<String> forCarol = bodiesFor(accepted, "carol");
            awaitQuietly(() -> new HashSet<>(bobInbox.bodies()).containsAll(forBob)
                    && new HashSet<>(carolInbox.bodies()).containsAll(forCarol));

            // Resume after the crash: carol had acked nothing, so everything accepted for her before the
            // kill came again after the restart (on the same, still fresh, tag).
            Set<String> carolAfterRestart = new HashSet<>(bodiesAfter(carolInbox, carolHadBeforeRestart));
            assertThat(carolAfterRestart).as("carol's unacked mail, handed out again after the restart")
                    .containsAll(forCarol.stream().filter(acceptedBeforeKill::contains).toList());
            // Carol acks what she got; acks work on the restarted server.
            List<String> ids = carolInbox.received().stream().map(Inbox.Message::id).distinct().toList();
            assertThat(ack(carolInbox, carol, ids)).isEqualTo("success");
            assertThat(bobInbox.failures()).isEmpty();
            assertThat(carolInbox.failures()).isEmpty();

            server.stop();
            DatabaseFiles.assertIntact(server.database());
            Map<String, List<MailboxMessage>> mailbox = DatabaseFiles.mailbox(server.database());
            assertDeliveredOrStored("bob", forBob, bobInbox, mailbox);
            assertDeliveredOrStored("carol", forCarol, carolInbox, mailbox);
            assertThat(mailboxBodies(mailbox, "carol")).as("carol acked all she got")
                    .doesNotContainAnyElementsOf(carolInbox.bodies());

            long bobResumed = bodiesAfter(bobInbox, bobHadBeforeRestart).stream()
                    .filter(acceptedBeforeKill::contains).count();
            System.out.printf("crash test: %d sends, %d accepted before the kill, %d unanswered (died with the"
                            + " server), bob got %d of his pre-kill messages only after the restart%n",
                    load.sentCount(), acceptedBeforeKill.size(), load.unanswered().size(), bobResumed);
        }
    }

    private static String ack(Inbox inbox, TestUser user, List<String> ids) {
        String content = Fixtures.JSON.createObjectNode().put("username", user.name())
                .set("ids", Fixtures.JSON.valueToTree(ids)).toString();
        JsonNode reply = inbox.call(Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", user.sign(content)));
        assertThat(reply.get("action").textValue()).isEqualTo("ackResponse");
        return reply.get("content").textValue();
    }

    private static List<String> bodiesFor(Map<String, String> accepted, String recipient) {
        return accepted.entrySet().stream().filter(e -> e.getValue().equals(recipient)).map(Map.Entry::getKey).toList();
    }

    private static List<String> bodiesAfter(Inbox inbox, int index) {
        List<String> all = inbox.bodies();
        return all.subList(index, all.size());
    }

    /** The mailbox keeps the body as JSON text; ours are JSON strings. */
    private static List<String> mailboxBodies(Map<String, List<MailboxMessage>> mailbox, String recipient) {
        return mailbox.getOrDefault(recipient, List.of()).stream()
                .map(m -> ChatPeer.parse(m.rawBody()).textValue()).toList();
    }

    private static void assertDeliveredOrStored(String recipient, List<String> accepted, Inbox inbox,
                                                Map<String, List<MailboxMessage>> mailbox) {
        Set<String> found = new HashSet<>(inbox.bodies());
        found.addAll(mailboxBodies(mailbox, recipient));
        assertThat(found).as("every send accepted for %s was delivered or is still in the mailbox", recipient)
                .containsAll(accepted);
    }

    /** Waits for a condition, bounded; the assertions after it tell what was missing. */
    private static void awaitQuietly(java.util.function.BooleanSupplier condition) {
        try {
            Await.until("every accepted message delivered", condition, Duration.ofSeconds(20));
        } catch (AssertionError e) {
            // checked precisely below, against the mailbox too
        }
    }
}
