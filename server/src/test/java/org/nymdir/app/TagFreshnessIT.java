package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.sim.SimConfig;
import org.nymdir.store.Presence;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.Fixtures;
import org.nymdir.testing.Inbox;
import org.nymdir.testing.Requests;
import org.nymdir.testing.RunningDirectory;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;

/**
 * Tag freshness over the wire, with a freshness window of one second that passes when the test moves the
 * directory's clock (nothing sleeps; the local mixnet keeps real time): mail for a user whose tag went stale
 * waits in the mailbox, and comes out in order on the user's next login from a new connection (new tag). For
 * an acking client it comes out again on every new tag until acked, and never after.
 *
 * <p>The directory hands a user's backlog to the link before the login's "success", and the link and the
 * local mixnet keep that order, so when "success" arrives everything that was handed out has arrived too:
 * "nothing more came" is checked at that moment, without waiting.
 */
class TagFreshnessIT {
    private static final Duration FRESHNESS = Duration.ofSeconds(1);
    /** Long enough for a tag to go stale: the window, plus the presence store's granularity. */
    private static final Duration STALE = FRESHNESS.plus(Presence.DEFAULT_GRANULARITY).plusMillis(300);

    @TempDir
    Path dir;
    private final TestClock clock = TestClock.atEpochDay();
    private RunningDirectory running;
    private final TestUser alice = TestUser.named("alice");
    private ChatPeer alicePeer;

    @BeforeEach
    void start() throws Exception {
        running = RunningDirectory.start(dir, SimConfig.ephemeral(dir.resolve("sim")),
                Map.of("NYMDIR_TAG_FRESHNESS", FRESHNESS.toMillis() + "ms"), clock);
        alicePeer = running.peer("alice");
        alicePeer.register(alice);
    }

    @AfterEach
    void stop() {
        alicePeer.close();
        running.close();
    }

    @Test
    void aStaleRecipientGetsItsBacklogInOrderOnItsNextLogin() throws Exception {
        TestUser bob = TestUser.named("bob");
        try (ChatPeer phone = running.peer("bob-phone-1")) {
            phone.register(bob);
        }
        clock.advance(STALE); // bob's tag goes stale: his reply SURBs count as dead
        List<String> sent = List.of("m1", "m2", "m3", "m4", "m5");
        for (String body : sent) {
            assertThat(send(alice, "bob", body)).isEqualTo("success");
        }
        try (Inbox laptop = new Inbox(running.peer("bob-laptop"))) {
            assertThat(login(laptop, bob)).isEqualTo("success");
            assertThat(laptop.bodies()).as("the backlog, in order, before the login's success").isEqualTo(sent);
            assertThat(laptop.received()).allSatisfy(m -> assertThat(m.sender()).isEqualTo("alice"));
            assertThat(laptop.failures()).isEmpty();
        }
        running.stopDirectory();
        assertThat(DatabaseFiles.mailbox(running.databasePath())).as("v1: handed to the nym-client is delivered")
                .doesNotContainKey("bob");
    }

    @Test
    void anAckingRecipientGetsUnackedMailOnEachNewTagAndNothingOnceAcked() throws Exception {
        TestUser carol = TestUser.named("carol");
        try (Inbox first = new Inbox(running.peer("carol-1"))) {
            register(first, carol);
            assertThat(ack(first, carol, List.of("0".repeat(32)))).as("carol acks from now on").isEqualTo("success");
        }
        clock.advance(STALE);
        List<String> sent = List.of("c1", "c2", "c3");
        for (String body : sent) {
            assertThat(send(alice, "carol", body)).isEqualTo("success");
        }

        List<String> ids;
        try (Inbox second = new Inbox(running.peer("carol-2"))) {
            assertThat(login(second, carol)).isEqualTo("success");
            assertThat(second.bodies()).isEqualTo(sent);
            ids = second.received().stream().map(Inbox.Message::id).toList();
            assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
            // no ack: carol's client crashed before it could confirm
        }
        try (Inbox third = new Inbox(running.peer("carol-3"))) {
            assertThat(login(third, carol)).isEqualTo("success");
            assertThat(third.bodies()).as("unacked mail again, on the next tag").isEqualTo(sent);
            assertThat(third.received().stream().map(Inbox.Message::id).toList()).isEqualTo(ids);
            assertThat(ack(third, carol, ids)).isEqualTo("success");
        }
        try (Inbox fourth = new Inbox(running.peer("carol-4"))) {
            assertThat(login(fourth, carol)).isEqualTo("success");
            assertThat(fourth.received()).as("acked mail never comes again").isEmpty();
            assertThat(send(alice, "carol", "c4")).isEqualTo("success");
            assertThat(ack(fourth, carol, List.of())).isNotNull(); // a round trip: c4 came before its answer
            assertThat(fourth.bodies()).as("new mail still flows to the fresh tag").containsExactly("c4");
        }
        running.stopDirectory();
        assertThat(DatabaseFiles.mailbox(running.databasePath()).get("carol")).as("only c4, not acked")
                .extracting(m -> m.rawBody()).containsExactly("\"c4\"");
    }

    private String send(TestUser from, String to, String body) {
        JsonNode reply = alicePeer.call(Requests.send(from, Requests.content(from.name(), to, "\"" + body + "\"")));
        assertThat(reply.get("action").textValue()).isEqualTo("sendResponse");
        return reply.get("content").textValue();
    }

    private static void register(Inbox inbox, TestUser user) {
        JsonNode challenge = inbox.call(Requests.register(user.name(), user.publicKeyPem()));
        String nonce = ChatPeer.parse(challenge.get("content").textValue()).get("nonce").textValue();
        assertThat(inbox.call(Requests.registrationResponse(user.name(), user.sign(nonce))).get("content")
                .textValue()).isEqualTo("success");
    }

    private static String login(Inbox inbox, TestUser user) {
        JsonNode challenge = inbox.call(Requests.login(user.name()));
        assertThat(challenge.get("action").textValue()).isEqualTo("challenge");
        String nonce = ChatPeer.parse(challenge.get("content").textValue()).get("nonce").textValue();
        JsonNode done = inbox.call(Requests.loginResponse(user.name(), user.sign(nonce)));
        assertThat(done.get("context").textValue()).isEqualTo("login");
        return done.get("content").textValue();
    }

    private static String ack(Inbox inbox, TestUser user, List<String> ids) {
        String content = Fixtures.JSON.createObjectNode().put("username", user.name())
                .set("ids", Fixtures.JSON.valueToTree(ids)).toString();
        JsonNode reply = inbox.call(Fixtures.JSON.createObjectNode().put("action", "ack").put("content", content)
                .put("signature", user.sign(content)));
        assertThat(reply.get("action").textValue()).isEqualTo("ackResponse");
        return reply.get("content").textValue();
    }
}
