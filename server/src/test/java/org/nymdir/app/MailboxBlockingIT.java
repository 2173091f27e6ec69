package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestPostgres;
import org.nymdir.testing.TestUser;

/**
 * Issue 10's victim blocking and acking puppets, as an attacker does them: free puppet accounts, each on its
 * own nym-client connection (a new sender tag each), fill alice's mailbox; alice's friend bob (she wrote to
 * him) must still get through. Before the quotas the puppets took all 1,000 places and bob got
 * {@code error: recipient mailbox full}. And a puppet that keeps everything (it declared itself acking) is
 * bounded by the per-sender and the global byte quotas.
 */
class MailboxBlockingIT {
    @TempDir
    Path dir;
    private LocalDirectory running;
    private final List<ChatPeer> peers = new ArrayList<>();

    private TestPostgres pg;

    /** The quotas hold on both stores: on PostgreSQL the directory is one node of a possible several. */
    enum Store { SQLITE, POSTGRESQL }

    @AfterEach
    void stop() {
        peers.forEach(ChatPeer::close);
        if (running != null) {
            running.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private Map<String, String> on(Store store, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        if (store == Store.POSTGRESQL) {
            pg = TestPostgres.create();
            all.put("NYMDIR_DATABASE_URL", pg.url());
            all.put("NYMDIR_DATABASE_POOL", "3");
        }
        return all;
    }

    private ChatPeer registered(TestUser user) {
        ChatPeer peer = ChatPeer.connect(running.sim().clientUrl(user.name()), running.address(),
                running.directory().publicKeyPem());
        peers.add(peer);
        peer.register(user);
        return peer;
    }

    private static String send(ChatPeer peer, TestUser from, String to, String body) {
        JsonNode reply = peer.call(Requests.send(from, Requests.content(from.name(), to, body)));
        assertThat(reply.get("action").textValue()).isEqualTo("sendResponse");
        return reply.get("content").textValue();
    }

    /** From now on alice's mail waits until she acks it: nothing leaves her mailbox on delivery. */
    private static void becomeAcking(ChatPeer peer, TestUser user) {
        String content = Fixtures.JSON.createObjectNode().put("username", user.name())
                .set("ids", Fixtures.JSON.createArrayNode()).toString();
        JsonNode reply = peer.call(Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", user.sign(content)));
        assertThat(reply.get("content").textValue()).isEqualTo("success");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void puppetsCannotFillAMailboxAgainstTheUsersFriends(Store store) throws Exception {
        running = LocalDirectory.builder(dir).settings(on(store, Map.of("NYMDIR_MAILBOX_QUOTA", "40",
                "NYMDIR_LIMIT_SEND", "off", "NYMDIR_LIMIT_REGISTER", "off"))).start();
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ChatPeer alicePeer = registered(alice);
        ChatPeer bobPeer = registered(bob);
        becomeAcking(alicePeer, alice);
        assertThat(send(alicePeer, alice, "bob", "\"hello bob\"")).isEqualTo("success");
        alicePeer.close(); // her mail now waits for her (acking), as it does while she is away
        assertThat(bobPeer.nextReply().get("action").textValue()).as("bob got alice's message")
                .isEqualTo("incomingMessage");

        int accepted = 0;
        int refused = 0;
        for (int p = 0; p < 8; p++) {
            TestUser puppet = TestUser.named("puppet" + p);
            ChatPeer puppetPeer = registered(puppet);
            for (int i = 0; i < 5; i++) {
                String answer = send(puppetPeer, puppet, "alice", "\"junk " + i + "\"");
                if (answer.equals("success")) {
                    accepted++;
                } else {
                    assertThat(answer).isEqualTo("error: recipient mailbox full");
                    refused++;
                }
            }
        }
        assertThat(accepted).as("strangers share 25 % of alice's 40 places").isEqualTo(10);
        assertThat(refused).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(send(bobPeer, bob, "alice", "\"from bob " + i + "\"")).as("bob's message %d", i)
                    .isEqualTo("success");
        }
        assertThat(send(bobPeer, bob, "alice", "\"one too many\"")).as("alice's whole quota is full now")
                .isEqualTo("error: recipient mailbox full");
        assertThat(running.directory().waitingFor("alice")).isEqualTo(40);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aPuppetThatKeepsEverythingIsBoundedBySenderAndGlobalQuotas(Store store) throws Exception {
        // messages of ~4.1 KiB stored: the sender quota (17 KiB) holds 4 of them, the whole mailbox (26 KiB) 6
        running = LocalDirectory.builder(dir).settings(on(store, Map.of("NYMDIR_SENDER_QUOTA_BYTES", "17k",
                "NYMDIR_MAILBOX_CAP_BYTES", "26k", "NYMDIR_STRANGER_SHARE", "100%", "NYMDIR_LIMIT_SEND", "off",
                "NYMDIR_LIMIT_REGISTER", "off"))).start();
        String body = "\"" + "x".repeat(4000) + "\"";
        TestUser keeper = TestUser.named("keeper");
        ChatPeer keeperPeer = registered(keeper);
        becomeAcking(keeperPeer, keeper); // keeps everything sent to it for the mailbox's whole life
        keeperPeer.close();
        TestUser puppet = TestUser.named("puppet");
        ChatPeer puppetPeer = registered(puppet);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(send(puppetPeer, puppet, "keeper", body.replace("xxxx", "x" + i + "xx")));
        }
        assertThat(answers).containsExactly("success", "success", "success", "success",
                "error: sender quota full", "error: sender quota full");
        // past half the cap, each sender's quota shrinks with the room left (MailQuota.senderBytesWhile)
        TestUser other = TestUser.named("other");
        ChatPeer otherPeer = registered(other);
        assertThat(send(otherPeer, other, "keeper", body)).isEqualTo("success");
        assertThat(send(otherPeer, other, "keeper", body.replace("xxx", "yyy")))
                .as("16 of 26 KiB taken: other's quota is 12.7 KiB; 20 KiB taken: 7.3 KiB, and other holds 4")
                .isEqualTo("error: sender quota full");
        TestUser third = TestUser.named("third");
        assertThat(send(registered(third), third, "keeper", body)).as("a sender with nothing waiting")
                .isEqualTo("success");
        TestUser fourth = TestUser.named("fourth");
        assertThat(send(registered(fourth), fourth, "keeper", body)).as("the mailbox cap")
                .isEqualTo("error: directory storage full");
    }
}
