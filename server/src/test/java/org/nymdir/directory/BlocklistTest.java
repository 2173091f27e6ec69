package org.nymdir.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.crypto.EcdsaProvider;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;
import org.nymdir.vocabulary.Status;

/** Blocked users: no login (also mid-challenge), no send, no ack, nothing sent to them; their mail waits. */
class BlocklistTest {
    private static final String A1 = "zXExeyvPEHUk9rjXTu78T";
    private static final String B1 = "6CzGHguLGCk1f416kwDZB7";
    private static final String B2 = "YcVfxkQb6JRzqk5kF2tNLv";

    private final TestClock clock = TestClock.atEpochDay();
    private final Stores stores = new Stores(new InMemoryUserStore(), new InMemoryMailbox(), new InMemoryPresence());
    private final AtomicInteger nonces = new AtomicInteger();
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final TestUser alice = TestUser.named("alice");
    private final TestUser bob = TestUser.named("bob");
    private final Directory directory = directory();

    private Directory directory() {
        return new Directory(stores, new EcdsaVerifier(new Ecdsa(EcdsaProvider.jdk()), 100),
                () -> String.format("%032x", nonces.incrementAndGet()), clock,
                DirectoryConfig.defaults().withRates(Map.of()), blocked::contains);
    }

    private Outcome register(TestUser user, String tag) {
        Reply.Challenge c = (Reply.Challenge) directory.handle(new Request.Register(user.name(), user.publicKeyPem()),
                tag).reply();
        return directory.handle(new Request.RegistrationResponse(user.sign(c.nonce())), tag);
    }

    private Outcome send(TestUser from, String to, String text, String tag) {
        String content = "{\"sender\": \"" + from.name() + "\", \"recipient\": \"" + to + "\", \"body\": \""
                + text + "\"}";
        return directory.handle(new Request.Send(content, from.sign(content),
                new SendContent.Message(from.name(), to, "\"" + text + "\"")), tag);
    }

    /** Everything a resume after a start would hand out. */
    private List<Outcome.Delivery> resumed() {
        List<Outcome.Delivery> all = new java.util.ArrayList<>();
        directory.resume(batch -> {
            all.addAll(batch);
            return true;
        });
        return all;
    }

    private static Status status(Outcome o) {
        return ((Reply.Result) o.reply()).status();
    }

    @Test
    void aBlockedUserCanNeitherLogInSendNorAckAndNobodyCanSendToThem() {
        register(alice, A1);
        register(bob, B1);
        blocked.add("bob");
        assertThat(status(directory.handle(new Request.Login("bob"), B2))).isEqualTo(Status.USER_BLOCKED);
        assertThat(status(send(bob, "alice", "hi", B1))).isEqualTo(Status.USER_BLOCKED);
        String ack = "{\"username\": \"bob\"}";
        assertThat(status(directory.handle(new Request.Ack(ack, bob.sign(ack), new AckContent.Ids("bob", List.of())),
                B1))).isEqualTo(Status.USER_BLOCKED);
        Outcome toBob = send(alice, "bob", "hi", A1);
        assertThat(status(toBob)).isEqualTo(Status.RECIPIENT_BLOCKED);
        assertThat(toBob.deliveries()).isEmpty();
        assertThat(stores.mailbox().count("bob")).isZero();

        blocked.remove("bob");
        assertThat(status(send(alice, "bob", "hi", A1))).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aBlockBetweenLoginAndItsAnswerRefusesTheLogin() {
        register(bob, B1);
        Reply.Challenge c = (Reply.Challenge) directory.handle(new Request.Login("bob"), B2).reply();
        blocked.add("bob");
        assertThat(status(directory.handle(new Request.LoginResponse(bob.sign(c.nonce())), B2)))
                .isEqualTo(Status.USER_BLOCKED);
    }

    @Test
    void waitingMailOfABlockedUserStaysAndIsNotResumedUntilUnblocked() {
        register(alice, A1);
        register(bob, B1);
        clock.advance(Duration.ofHours(25)); // bob's tag is stale: the message waits
        assertThat(status(send(alice, "bob", "m1", A1))).isEqualTo(Status.SUCCESS);
        assertThat(stores.mailbox().count("bob")).isEqualTo(1);
        stores.presence().touch("bob", clock.instant()); // bob's tag is fresh again
        blocked.add("bob");
        assertThat(resumed()).as("nothing goes to a blocked user").isEmpty();
        assertThat(stores.mailbox().count("bob")).isEqualTo(1);
        blocked.remove("bob");
        assertThat(resumed()).as("handed out again after the unblock").hasSize(1);
    }
}
