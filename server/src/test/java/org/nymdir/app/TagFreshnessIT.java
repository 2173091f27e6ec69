package org.nymdir.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nymdir.store.Presence;
import org.nymdir.testing.ChatPeer;
import org.nymdir.testing.DatabaseFiles;
import org.nymdir.testing.Inbox;
import org.nymdir.testing.LocalDirectoryExtension;
import org.nymdir.testing.Requests;
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

    private final TestClock clock = TestClock.atEpochDay();
    @RegisterExtension
    final LocalDirectoryExtension env = LocalDirectoryExtension.builder()
            .settings(Map.of("NYMDIR_TAG_FRESHNESS", FRESHNESS.toMillis() + "ms"))
            .clock(clock)
            .build();
    private final TestUser alice = TestUser.named("alice");
    private ChatPeer alicePeer;

    @BeforeEach
    void registerAlice() {
        alicePeer = env.peer("alice");
        alicePeer.register(alice);
    }

    @Test
    void aStaleRecipientGetsItsBacklogInOrderOnItsNextLogin() throws Exception {
        TestUser bob = TestUser.named("bob");
        try (ChatPeer phone = env.peer("bob-phone-1")) {
            phone.register(bob);
        }
        clock.advance(STALE); // bob's tag goes stale: his reply SURBs count as dead
        List<String> sent = List.of("m1", "m2", "m3", "m4", "m5");
        for (String body : sent) {
            assertThat(send(alice, "bob", body)).isEqualTo("success");
        }
        try (Inbox laptop = new Inbox(env.peer("bob-laptop"))) {
            laptop.login(bob);
            assertThat(laptop.bodies()).as("the backlog, in order, before the login's success").isEqualTo(sent);
            assertThat(laptop.received()).allSatisfy(m -> assertThat(m.sender()).isEqualTo("alice"));
            assertThat(laptop.failures()).isEmpty();
        }
        env.local().stopDirectory();
        assertThat(DatabaseFiles.mailbox(env.files().database())).as("v1: handed to the nym-client is delivered")
                .doesNotContainKey("bob");
    }

    @Test
    void anAckingRecipientGetsUnackedMailOnEachNewTagAndNothingOnceAcked() throws Exception {
        TestUser carol = TestUser.named("carol");
        try (Inbox first = new Inbox(env.peer("carol-1"))) {
            first.register(carol);
            assertThat(first.ack(carol, List.of("0".repeat(32)))).as("carol acks from now on").isEqualTo("success");
        }
        clock.advance(STALE);
        List<String> sent = List.of("c1", "c2", "c3");
        for (String body : sent) {
            assertThat(send(alice, "carol", body)).isEqualTo("success");
        }

        List<String> ids;
        try (Inbox second = new Inbox(env.peer("carol-2"))) {
            second.login(carol);
            assertThat(second.bodies()).isEqualTo(sent);
            ids = second.received().stream().map(Inbox.Message::id).toList();
            assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
            // no ack: carol's client crashed before it could confirm
        }
        try (Inbox third = new Inbox(env.peer("carol-3"))) {
            third.login(carol);
            assertThat(third.bodies()).as("unacked mail again, on the next tag").isEqualTo(sent);
            assertThat(third.received().stream().map(Inbox.Message::id).toList()).isEqualTo(ids);
            assertThat(third.ack(carol, ids)).isEqualTo("success");
        }
        try (Inbox fourth = new Inbox(env.peer("carol-4"))) {
            fourth.login(carol);
            assertThat(fourth.received()).as("acked mail never comes again").isEmpty();
            assertThat(send(alice, "carol", "c4")).isEqualTo("success");
            assertThat(fourth.ack(carol, List.of())).isNotNull(); // a round trip: c4 came before its answer
            assertThat(fourth.bodies()).as("new mail still flows to the fresh tag").containsExactly("c4");
        }
        env.local().stopDirectory();
        assertThat(DatabaseFiles.mailbox(env.files().database()).get("carol")).as("only c4, not acked")
                .extracting(m -> m.rawBody()).containsExactly("\"c4\"");
    }

    private String send(TestUser from, String to, String body) {
        JsonNode reply = alicePeer.call(Requests.send(from, Requests.content(from.name(), to, "\"" + body + "\"")));
        assertThat(reply.get("action").textValue()).isEqualTo("sendResponse");
        return reply.get("content").textValue();
    }
}
