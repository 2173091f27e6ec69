package org.nymdir.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.directory.limits.Limit;
import org.nymdir.directory.limits.Rate;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;
import org.nymdir.vocabulary.Status;

/** The mailbox policy: never lose an accepted message, deliver to fresh tags only, acks, limits. */
class DurableRelayTest {
    private static final String A1 = "zXExeyvPEHUk9rjXTu78T";
    private static final String B1 = "6CzGHguLGCk1f416kwDZB7";
    private static final String B2 = "YcVfxkQb6JRzqk5kF2tNLv";

    private final TestClock clock = TestClock.atEpochDay();
    private final Stores stores = new Stores(new InMemoryUserStore(), new InMemoryMailbox(), new InMemoryPresence());
    private final AtomicInteger nonces = new AtomicInteger();
    private final TestUser alice = TestUser.named("alice");
    private final TestUser bob = TestUser.named("bob");
    private Directory directory = directory(Map.of(), RelayPolicy.defaults());

    private Directory directory(Map<Limit, Rate> rates, RelayPolicy relay) {
        return new Directory(stores, new EcdsaVerifier(new Ecdsa(EcdsaProvider.jdk()), 1 << 20),
                () -> String.format("%032x", nonces.incrementAndGet()), clock,
                DirectoryConfig.defaults().withRates(rates).withRelay(relay));
    }

    private Outcome register(TestUser user, String tag) {
        Reply.Challenge c = (Reply.Challenge) directory
                .handle(new Request.Register(user.name(), user.publicKeyPem()), tag).reply();
        return directory.handle(new Request.RegistrationResponse(user.sign(c.nonce())), tag);
    }

    private Outcome login(TestUser user, String tag) {
        Reply.Challenge c = (Reply.Challenge) directory.handle(new Request.Login(user.name()), tag).reply();
        return directory.handle(new Request.LoginResponse(user.sign(c.nonce())), tag);
    }

    private Outcome send(TestUser from, String to, String text, String tag) {
        String content = "{\"sender\": \"" + from.name() + "\", \"recipient\": \"" + to + "\", \"body\": \""
                + text + "\"}";
        return directory.handle(new Request.Send(content, from.sign(content),
                new SendContent.Message(from.name(), to, "\"" + text + "\"")), tag);
    }

    private Outcome ack(TestUser user, List<String> ids, String tag) {
        String content = "{\"username\": \"" + user.name() + "\"}";
        return directory.handle(
                new Request.Ack(content, user.sign(content), new AckContent.Ids(user.name(), ids)), tag);
    }

    private static Status status(Outcome o) {
        return ((Reply.Result) o.reply()).status();
    }

    private static List<String> bodies(List<Outcome.Delivery> deliveries) {
        return deliveries.stream().map(d -> ((Reply.Incoming) d.reply()).rawBody()).toList();
    }

    @Test
    void aStaleRecipientGetsTheBacklogInOrderAfterANewLogin() {
        register(alice, A1);
        register(bob, B1);
        clock.advance(Duration.ofHours(25)); // bob's SURBs are dead by now
        for (int i = 1; i <= 3; i++) {
            Outcome o = send(alice, "bob", "m" + i, A1);
            assertThat(status(o)).isEqualTo(Status.SUCCESS);
            assertThat(o.deliveries()).as("nothing goes to a stale tag").isEmpty();
        }
        assertThat(stores.mailbox().count("bob")).isEqualTo(3);
        Outcome loggedIn = login(bob, B2);
        assertThat(loggedIn.deliveries()).extracting(Outcome.Delivery::senderTag).containsOnly(B2);
        assertThat(bodies(loggedIn.deliveries())).containsExactly("\"m1\"", "\"m2\"", "\"m3\"");
    }

    @Test
    void forV1ClientsHandingToTheNymClientIsDelivery() {
        register(alice, A1);
        register(bob, B1);
        Outcome.Delivery d = send(alice, "bob", "hi", A1).deliveries().get(0);
        assertThat(stores.mailbox().count("bob")).as("committed before success").isEqualTo(1);
        directory.handedOff(d);
        assertThat(stores.mailbox().count("bob")).isZero();
    }

    @Test
    void aMessageTheLinkCouldNotTakeGoesOutOnTheNextFreshTag() {
        register(alice, A1);
        register(bob, B1);
        Outcome.Delivery d = send(alice, "bob", "hi", A1).deliveries().get(0);
        directory.notHandedOff(d);
        assertThat(bodies(login(bob, B2).deliveries())).containsExactly("\"hi\"");
    }

    @Test
    void ackingClientsKeepMessagesUntilAckedAndGetThemAgainOnTheirNextTag() {
        register(alice, A1);
        register(bob, B1);
        assertThat(status(ack(bob, List.of(), B1))).isEqualTo(Status.SUCCESS); // bob now acks
        Outcome.Delivery d = send(alice, "bob", "hi", A1).deliveries().get(0);
        directory.handedOff(d);
        assertThat(stores.mailbox().count("bob")).isEqualTo(1);
        assertThat(login(bob, B1).deliveries()).as("same tag: already handed to it").isEmpty();
        Outcome again = login(bob, B2);
        assertThat(again.deliveries()).extracting(Outcome.Delivery::messageId).containsExactly(d.messageId());
        assertThat(status(ack(bob, List.of(d.messageId()), B2))).isEqualTo(Status.SUCCESS);
        assertThat(stores.mailbox().count("bob")).isZero();
    }

    @Test
    void anAckCannotRemoveSomeoneElsesMail() {
        register(alice, A1);
        register(bob, B1);
        String id = send(bob, "bob", "to myself", B1).deliveries().get(0).messageId();
        ack(alice, List.of(id), A1);
        assertThat(stores.mailbox().count("bob")).isEqualTo(1);
    }

    @Test
    void ackRows() {
        register(bob, B1);
        assertThat(directory.handle(new Request.Ack(null, "00", new AckContent.NotJson()), B1).reply())
                .isEqualTo(new Reply.Result(Topic.ACK, Status.MISSING_CONTENT_OR_SIGNATURE));
        assertThat(status(directory.handle(new Request.Ack("{", "00", new AckContent.NotJson()), B1)))
                .isEqualTo(Status.INVALID_CONTENT_JSON);
        assertThat(status(directory.handle(new Request.Ack("{}", "00", new AckContent.Missing()), B1)))
                .isEqualTo(Status.MISSING_ACK_FIELDS);
        assertThat(status(ack(alice, List.of(), B1))).isEqualTo(Status.UNRECOGNIZED_SENDER);
        String content = "{}";
        assertThat(status(directory.handle(new Request.Ack(content, alice.sign(content),
                new AckContent.Ids("bob", List.of())), B1))).isEqualTo(Status.INVALID_SIGNATURE);
    }

    @Test
    void aReplayedSendIsRefused() {
        register(alice, A1);
        register(bob, B1);
        String content = "{\"sender\": \"alice\", \"recipient\": \"bob\", \"body\": 1}";
        Request.Send send = new Request.Send(content, alice.sign(content),
                new SendContent.Message("alice", "bob", "1"));
        assertThat(status(directory.handle(send, A1))).isEqualTo(Status.SUCCESS);
        assertThat(status(directory.handle(send, A1))).isEqualTo(Status.DUPLICATE_MESSAGE);
        // A fresh signature over the same content is still a replay (ECDSA signatures are malleable).
        Request.Send resigned = new Request.Send(content, alice.sign(content), send.message());
        assertThat(status(directory.handle(resigned, B2))).isEqualTo(Status.DUPLICATE_MESSAGE);
        assertThat(stores.mailbox().count("bob")).isEqualTo(1);
    }

    @Test
    void aFullMailboxRefusesMore() {
        directory = directory(Map.of(), new RelayPolicy(Duration.ofDays(7), Duration.ofHours(24), 2, 100)
                .withQuotas(RelayPolicy.DEFAULT_RECIPIENT_QUOTA_BYTES, 100, RelayPolicy.DEFAULT_SENDER_QUOTA_BYTES,
                        RelayPolicy.DEFAULT_MAILBOX_CAP_BYTES)); // everyone may fill the whole quota

        register(alice, A1);
        register(bob, B1);
        clock.advance(Duration.ofDays(2));
        assertThat(status(send(alice, "bob", "1", A1))).isEqualTo(Status.SUCCESS);
        assertThat(status(send(alice, "bob", "2", A1))).isEqualTo(Status.SUCCESS);
        assertThat(status(send(alice, "bob", "3", A1))).isEqualTo(Status.MAILBOX_FULL);
    }

    @Test
    void strangersFillOnlyTheirShareOfAMailboxAndThoseTheUserWroteToStillGetThrough() {
        directory = directory(Map.of(), new RelayPolicy(Duration.ofDays(7), Duration.ofHours(24), 4, 100));
        TestUser mallory = TestUser.named("mallory");
        String m1 = "9mALLoRyTAgxxxxxxxxxxx".replace('x', 'z');
        register(alice, A1);
        register(bob, B1);
        register(mallory, m1);
        clock.advance(Duration.ofDays(2));
        assertThat(status(send(bob, "alice", "hi", B1))).as("bob writes to alice").isEqualTo(Status.SUCCESS);
        assertThat(status(send(mallory, "bob", "1", m1))).as("25 % of 4: one stranger message")
                .isEqualTo(Status.SUCCESS);
        assertThat(status(send(mallory, "bob", "2", m1))).isEqualTo(Status.MAILBOX_FULL);
        for (String text : List.of("a", "b", "c")) {
            assertThat(status(send(alice, "bob", text, A1))).as("alice, whom bob wrote to").isEqualTo(Status.SUCCESS);
        }
        assertThat(status(send(alice, "bob", "d", A1))).as("the whole quota").isEqualTo(Status.MAILBOX_FULL);
    }

    @Test
    void undeliveredMailExpiresAfterItsLife() {
        register(alice, A1);
        register(bob, B1);
        clock.advance(Duration.ofDays(2));
        send(alice, "bob", "old", A1);
        clock.advance(Duration.ofDays(7));
        assertThat(directory.expireMail()).isEqualTo(1);
        assertThat(login(bob, B2).deliveries()).isEmpty();
    }

    @Test
    void afterARestartMailForReachableUsersGoesOutAgain() {
        register(alice, A1);
        register(bob, B1);
        send(alice, "bob", "before the crash", A1);
        directory = directory(Map.of(), RelayPolicy.defaults()); // new process, same database
        List<List<Outcome.Delivery>> batches = new ArrayList<>();
        directory.resume(batches::add);
        assertThat(batches).hasSize(1);
        List<Outcome.Delivery> resumed = batches.getFirst();
        assertThat(resumed).extracting(Outcome.Delivery::senderTag).containsExactly(B1);
        assertThat(bodies(resumed)).containsExactly("\"before the crash\"");
    }

    @Test
    void rateLimitsAnswerInTheTopicOfTheRequestAndRefill() {
        directory = directory(Map.of(Limit.LOOKUP, new Rate(2, 60), Limit.SEND, new Rate(1, 60)),
                RelayPolicy.defaults());
        assertThat(status(directory.handle(new Request.Query("x"), A1))).isEqualTo(Status.NO_USER_FOUND);
        assertThat(status(directory.handle(new Request.Query("x"), A1))).isEqualTo(Status.NO_USER_FOUND);
        assertThat(directory.handle(new Request.Query("x"), A1).reply())
                .isEqualTo(new Reply.Result(Topic.QUERY, Status.RATE_LIMITED));
        assertThat(status(directory.handle(new Request.Query("x"), B1))).as("other tags are not affected")
                .isEqualTo(Status.NO_USER_FOUND);
        clock.advance(Duration.ofSeconds(1));
        assertThat(status(directory.handle(new Request.Query("x"), A1))).isEqualTo(Status.NO_USER_FOUND);

        register(alice, A1);
        register(bob, B1);
        assertThat(status(send(alice, "bob", "1", A1))).isEqualTo(Status.SUCCESS);
        assertThat(status(send(alice, "bob", "2", B2))).as("per user, across tags").isEqualTo(Status.RATE_LIMITED);
    }
}
