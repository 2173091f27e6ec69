package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.sim.LocalMixnet;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.postgres.NodeStatus;
import org.nymdir.testing.Await;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Inbox;
import org.nymdir.testing.Requests;
import org.nymdir.testing.TestPostgres;
import org.nymdir.testing.TestUser;

/**
 * Several directory nodes on one PostgreSQL database, each behind its own nym-client of the local mixnet,
 * with one signing key: chat clients of any node see every user, names are unique across nodes, mail
 * crosses nodes and is delivered by the recipient's node, and a node that is stopped or killed loses
 * nothing: its users' mail waits, and is delivered when they log in elsewhere or the node returns.
 */
class MultiNodeIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestPostgres pg;
    private LocalMixnet sim;
    private SharedDatabaseNodes nodes;

    @BeforeEach
    void start() throws Exception {
        pg = TestPostgres.create();
        sim = LocalMixnet.start(SimConfig.ephemeral(dir.resolve("sim")));
        nodes = new SharedDatabaseNodes(dir, sim, pg);
        for (String id : List.of("a", "b", "c")) {
            nodes.start(id);
        }
    }

    @AfterEach
    void stop() {
        try {
            nodes.close();
            sim.close();
        } finally {
            pg.close();
        }
    }

    @Test
    void usersOfEveryNodeFindAndReachEachOther() throws Exception {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        assertThat(nodes.address("a")).as("each node has its own nym address").isNotEqualTo(nodes.address("b"));
        try (Inbox atA = new Inbox(nodes.peer("alice", "a")); Inbox atB = new Inbox(nodes.peer("bob", "b"))) {
            register(atA, alice);
            register(atB, bob);
            try (ChatPeer viaC = nodes.peer("someone", "c")) {
                JsonNode found = viaC.call(Requests.query("bob"));
                assertThat(found.get("action").textValue()).isEqualTo("queryResponse");
                assertThat(ChatPeer.parse(found.get("content").textValue()).get("publicKey").textValue())
                        .as("node c sees a user of node b").isEqualTo(bob.publicKeyPem());
            }
            assertThat(send(atA, alice, "bob", "a to b")).isEqualTo("success");
            atB.awaitBodies("bob gets alice's message through node b", List.of("a to b"), DELIVERY);
            assertThat(send(atB, bob, "alice", "b to a")).isEqualTo("success");
            atA.awaitBodies("alice gets bob's message through node a", List.of("b to a"), DELIVERY);
            assertThat(atA.failures()).isEmpty();
            assertThat(atB.failures()).isEmpty();
        }
    }

    @Test
    void oneNameRegisteredAtTwoNodesAtOnceHasOneOwner() throws Exception {
        TestUser first = TestUser.named("dave");
        TestUser second = TestUser.named("dave");
        try (ChatPeer atA = nodes.peer("dave-1", "a"); ChatPeer atB = nodes.peer("dave-2", "b")) {
            // both challenges are out before either answer: the race is decided by the shared database
            String nonceA = nonce(atA.call(Requests.register("dave", first.publicKeyPem())));
            String nonceB = nonce(atB.call(Requests.register("dave", second.publicKeyPem())));
            atA.send(Requests.registrationResponse("dave", first.sign(nonceA)));
            atB.send(Requests.registrationResponse("dave", second.sign(nonceB)));
            List<String> answers = List.of(atA.nextReply().get("content").textValue(),
                    atB.nextReply().get("content").textValue());
            assertThat(answers).as("exactly one registration of dave succeeds").containsOnlyOnce("success");
            JsonNode found = atB.call(Requests.query("dave"));
            String owner = ChatPeer.parse(found.get("content").textValue()).get("publicKey").textValue();
            assertThat(owner).isEqualTo(answers.get(0).equals("success") ? first.publicKeyPem()
                    : second.publicKeyPem());
        }
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void aHundredUsersSpreadOverThreeNodesAllGetTheirMail() throws Exception {
        int n = 100;
        List<String> homes = List.of("a", "b", "c");
        List<TestUser> users = new ArrayList<>();
        List<Inbox> inboxes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                TestUser u = TestUser.named("user" + i);
                Inbox inbox = new Inbox(nodes.peer("user" + i, homes.get(i % 3)));
                users.add(u);
                inboxes.add(inbox);
                register(inbox, u);
            }
            for (int i = 0; i < n; i++) {
                int to = (i + 1) % n; // always another node
                assertThat(send(inboxes.get(i), users.get(i), "user" + to, "from " + i)).isEqualTo("success");
            }
            for (int i = 0; i < n; i++) {
                inboxes.get(i).awaitBodies("user" + i + "'s message", List.of("from " + ((i + n - 1) % n)),
                        DELIVERY);
                assertThat(inboxes.get(i).failures()).isEmpty();
            }
        } finally {
            inboxes.forEach(Inbox::close);
        }
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(n);
        Await.until("the mailbox empties", () -> count("SELECT count(*) FROM mailbox") == 0, DELIVERY);
        for (String id : homes) {
            assertThat(count("SELECT count(*) FROM users WHERE node_id = '" + id + "'")).isBetween(33L, 34L);
        }
    }

    @Test
    void mailForAStoppedNodeWaitsAndGoesOutWhenItReturns() throws Exception {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        try (Inbox atA = new Inbox(nodes.peer("alice", "a")); Inbox atB = new Inbox(nodes.peer("bob", "b"))) {
            register(atA, alice);
            register(atB, bob);
            nodes.stop("b"); // its nym-client runs on, as a real one would: bob's tag stays good
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                assertThat(send(atA, alice, "bob", "while b was away " + i)).isEqualTo("success");
                sent.add("while b was away " + i);
            }
            assertThat(count("SELECT count(*) FROM mailbox")).as("committed, waiting for b").isEqualTo(10);
            assertThat(count("SELECT count(*) FROM relay_wakeup WHERE node_id = 'b'")).isPositive();
            assertThat(nodeStatus("b").stoppedAt()).as("b said it stopped").isNotNull();
            nodes.start("b");
            atB.awaitBodies("bob's mail after b restarted", sent, DELIVERY);
            assertThat(atB.bodies()).as("in order").containsSubsequence(sent);
            Await.until("b's heartbeat", () -> nodeStatus("b").stoppedAt() == null);
        }
    }

    /**
     * Bob acks (so delivered mail stays until he confirms it): the mail node c hands him after the takeover is
     * still in the mailbox when d comes back, and d, whose resume reads every waiting mailbox, must leave it
     * alone: bob's tag at d is not his tag any more.
     */
    @Test
    void usersOfAKilledNodeLogInElsewhereAndGetEverythingInOrderWhileTheNodeThatComesBackDeliversNothing()
            throws Exception {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser erin = TestUser.named("erin");
        try (ServerProcess d = nodes.childProcess("d")) {
            d.start();
            try (Inbox atA = new Inbox(nodes.peer("alice", "a")); Inbox oldBob = new Inbox(nodes.peer("bob", "d"))) {
                register(atA, alice);
                register(oldBob, bob);
                assertThat(ack(oldBob, bob, List.of())).as("bob acks from now on").isEqualTo("success");
                assertThat(send(atA, alice, "bob", "before the kill")).isEqualTo("success");
                oldBob.awaitBodies("bob at d, while d lives", List.of("before the kill"), DELIVERY);
                assertThat(ack(oldBob, bob, ids(oldBob))).isEqualTo("success");
                assertThat(count("SELECT count(*) FROM mailbox")).isZero();
                d.kill();

                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    assertThat(send(atA, alice, "bob", "waiting " + i)).isEqualTo("success");
                    sent.add("waiting " + i);
                }
                assertThat(bodies(pg.mailbox().get("bob"))).as("all waiting for dead d").isEqualTo(sent);
                try (Inbox newBob = new Inbox(nodes.peer("bob-elsewhere", "c"))) {
                    login(newBob, bob);
                    newBob.awaitBodies("bob's waiting mail through node c", sent, DELIVERY);
                    assertThat(newBob.bodies()).as("in order, each once").containsExactlyElementsOf(sent);
                    assertThat(count("SELECT count(*) FROM users WHERE node_id = 'c'")).as("bob moved to c")
                            .isEqualTo(1);

                    long droppedBefore = sim.stats().repliesDroppedUnknownTag();
                    d.start(); // d comes back while bob's unacked mail waits: it is not d's to hand out
                    Await.until("d claimed the wake-ups left for it",
                            () -> count("SELECT count(*) FROM relay_wakeup WHERE node_id = 'd'") == 0, DELIVERY);
                    try (Inbox erinAtD = new Inbox(nodes.peer("erin", "d"))) {
                        register(erinAtD, erin);
                        assertThat(send(atA, alice, "erin", "through d after its restart")).isEqualTo("success");
                        erinAtD.awaitBodies("d delivers again", List.of("through d after its restart"), DELIVERY);
                    }
                    assertThat(oldBob.bodies()).as("nothing through d after bob moved")
                            .containsExactly("before the kill");
                    // a node's nym-client silently drops a reply to a tag it does not hold (c's tag for bob)
                    assertThat(sim.stats().repliesDroppedUnknownTag()).as("d sent nothing to a tag not its own")
                            .isEqualTo(droppedBefore);
                    assertThat(ack(newBob, bob, ids(newBob))).isEqualTo("success");
                    Await.until("acked mail leaves the mailbox", () -> count("SELECT count(*) FROM mailbox") == 0,
                            DELIVERY);
                    assertThat(send(atA, alice, "bob", "after d returned")).isEqualTo("success");
                    newBob.awaitBodies("new mail through c", List.of("after d returned"), DELIVERY);
                    assertThat(oldBob.bodies()).containsExactly("before the kill");
                }
            }
        }
    }

    private static List<String> ids(Inbox inbox) {
        return inbox.received().stream().map(Inbox.Message::id).distinct().toList();
    }

    private static List<String> bodies(List<MailboxMessage> messages) {
        return messages.stream().map(m -> ChatPeer.parse(m.rawBody()).textValue()).toList();
    }

    private static String ack(Inbox inbox, TestUser user, List<String> ids) {
        String content = Fixtures.JSON.createObjectNode().put("username", user.name())
                .set("ids", Fixtures.JSON.valueToTree(ids)).toString();
        return inbox.call(Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", user.sign(content))).get("content").textValue();
    }

    private long count(String sql) {
        try (Connection c = pg.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private NodeStatus nodeStatus(String id) {
        return nodes.server("a").nodes().stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow();
    }

    private static String nonce(JsonNode challenge) {
        assertThat(challenge.get("action").textValue()).isEqualTo("challenge");
        return ChatPeer.parse(challenge.get("content").textValue()).get("nonce").textValue();
    }

    private static void register(Inbox inbox, TestUser user) {
        String n = nonce(inbox.call(Requests.register(user.name(), user.publicKeyPem())));
        assertThat(inbox.call(Requests.registrationResponse(user.name(), user.sign(n))).get("content").textValue())
                .isEqualTo("success");
    }

    private static void login(Inbox inbox, TestUser user) {
        String n = nonce(inbox.call(Requests.login(user.name())));
        assertThat(inbox.call(Requests.loginResponse(user.name(), user.sign(n))).get("content").textValue())
                .isEqualTo("success");
    }

    private static String send(Inbox inbox, TestUser from, String to, String body) {
        return inbox.call(Requests.send(from, Requests.content(from.name(), to, "\"" + body + "\"")))
                .get("content").textValue();
    }

}
