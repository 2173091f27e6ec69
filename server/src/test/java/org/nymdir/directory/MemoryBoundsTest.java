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
import org.nymdir.directory.limits.RateLimiter;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;
import org.nymdir.vocabulary.Status;

/**
 * Nothing in memory grows with what a stream of requests brings, counted in bytes: distinct sender tags, key
 * texts padded to the PEM limit, names. Each structure stays within its byte bound and keeps what it must
 * (the newest challenge, the key in use).
 */
class MemoryBoundsTest {
    private static final int PEM_LIMIT = 4096;
    private static final Ecdsa JDK_ECDSA = new Ecdsa(EcdsaProvider.jdk());

    private final TestClock clock = TestClock.atEpochDay();
    private final AtomicInteger nonces = new AtomicInteger();
    private final TestUser alice = TestUser.named("alice");
    private final InMemoryMailbox mailbox = new InMemoryMailbox();
    private final Stores stores = new Stores(new InMemoryUserStore(), mailbox, new InMemoryPresence());

    /** A directory on this test's stores (a second one is the same node after a restart). */
    private Directory directory(DirectoryConfig config) {
        return new Directory(stores, new EcdsaVerifier(JDK_ECDSA, 1 << 20),
                () -> String.format("%032x", nonces.incrementAndGet()), clock, config);
    }

    private Directory withAlice(DirectoryConfig config) {
        Directory d = directory(config);
        register(d, alice, "a");
        return d;
    }

    private static void register(Directory d, TestUser user, String tag) {
        Reply.Challenge c = (Reply.Challenge) d.handle(new Request.Register(user.name(), user.publicKeyPem()), tag)
                .reply();
        assertThat(d.handle(new Request.RegistrationResponse(user.sign(c.nonce())), tag).reply())
                .isEqualTo(new Reply.Result(Topic.REGISTRATION, Status.SUCCESS));
    }

    /**
     * The attack of issue 10: registers whose key text is padded to the PEM limit, new padding each time, from
     * ever new tags. The pending challenges (which keep the text: a registration stores it as sent) stay within
     * their byte bound, the newest still answers, and the key cache holds one key, not one per text.
     */
    @Test
    void paddedRegistersFromNewTagsStayWithinTheBoundsAndTheNewestChallengeAnswers() {
        long bound = 1 << 20;
        EcdsaVerifier verifier = new EcdsaVerifier(JDK_ECDSA, 1 << 20);
        Directory d = new Directory(stores, verifier,
                () -> String.format("%032x", nonces.incrementAndGet()), clock,
                DirectoryConfig.defaults().withRates(Map.of())
                        .withChallenges(new ChallengePolicy(Duration.ofMinutes(5), bound)));
        TestUser mallory = TestUser.named("mallory");
        int requests = 3000; // about 25 MiB of pending challenges without the bound
        Reply last = null;
        for (int i = 0; i < requests; i++) {
            last = d.handle(new Request.Register("user" + i, mallory.paddedPublicKeyPem("#" + i, PEM_LIMIT)),
                    "tag" + i).reply();
            assertThat(last).isInstanceOf(Reply.Challenge.class);
        }
        assertThat(d.pendingChallengeBytes()).isLessThanOrEqualTo(bound);
        assertThat(d.pendingRegistrations()).isLessThan(requests / 10).isPositive();
        assertThat(verifier.cachedKeys()).as("one key, however padded").isEqualTo(1);
        assertThat(d.handle(new Request.RegistrationResponse(mallory.sign("x")), "tag0").reply())
                .isEqualTo(new Reply.Result(Topic.REGISTRATION, Status.NO_PENDING_REGISTRATION));
        String nonce = ((Reply.Challenge) last).nonce();
        assertThat(d.handle(new Request.RegistrationResponse(mallory.sign(nonce)), "tag" + (requests - 1)).reply())
                .isEqualTo(new Reply.Result(Topic.REGISTRATION, Status.SUCCESS));
    }

    @Test
    void pendingLoginsStayWithinTheirByteBoundAndKeepTheNewest() {
        long bound = 64 << 10;
        Directory d = withAlice(DirectoryConfig.defaults().withRates(Map.of())
                .withChallenges(new ChallengePolicy(Duration.ofMinutes(5), bound)));
        Reply last = null;
        int tags = 20_000;
        for (int i = 0; i < tags; i++) {
            last = d.handle(new Request.Login("alice"), "tag" + i).reply();
        }
        assertThat(d.pendingChallengeBytes()).isLessThanOrEqualTo(bound);
        assertThat(d.pendingLogins()).isBetween(10, tags / 10);
        assertThat(d.handle(new Request.LoginResponse(alice.sign("x")), "tag0").reply())
                .isEqualTo(new Reply.Result(Topic.LOGIN, Status.NO_PENDING_LOGIN));
        String nonce = ((Reply.Challenge) last).nonce();
        assertThat(d.handle(new Request.LoginResponse(alice.sign(nonce)), "tag" + (tags - 1)).reply())
                .isEqualTo(new Reply.Result(Topic.LOGIN, Status.SUCCESS));
    }

    @Test
    void theKeyCacheStaysWithinItsByteBoundAndKeepsTheKeyInUse() {
        long bound = 100 * (EcdsaVerifier.ENTRY_OVERHEAD_BYTES + 91L); // about 100 keys
        EcdsaVerifier verifier = new EcdsaVerifier(JDK_ECDSA, bound);
        TestUser busy = TestUser.named("busy");
        for (int i = 0; i < 1000; i++) {
            assertThat(verifier.isValidPublicKey(TestUser.named("k" + i).publicKeyPem())).isTrue(); // one-off keys
            assertThat(verifier.isValidPublicKey(busy.paddedPublicKeyPem("#" + i, PEM_LIMIT))).isTrue();
        }
        assertThat(verifier.cachedBytes()).isLessThanOrEqualTo(bound);
        assertThat(verifier.cachedKeys()).isBetween(50L, 100L);
        assertThat(verifier.holds(busy.publicKeyPem())).as("the key in use, whatever its text").isTrue();
        byte[] message = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(verifier.verify(busy.publicKeyPem(), message, busy.sign("hello"))).isTrue();
        assertThat(verifier.isValidPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")).isFalse();
    }

    @Test
    void rateLimitersStayWithinTheirByteBoundPerLimit() {
        long bound = 6 * (256 << 10); // 256 KiB for each of the six limits
        RateLimiter limiter = new RateLimiter(clock, RateLimiter.defaults(), bound);
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire(Limit.REGISTER, "t:" + "tag".repeat(7) + i);
            limiter.tryAcquire(Limit.LOOKUP, "u:name" + i);
        }
        for (Limit limit : new Limit[] {Limit.REGISTER, Limit.LOOKUP}) {
            assertThat(limiter.trackedBytes(limit)).as(limit.name()).isLessThanOrEqualTo(256 << 10).isPositive();
            assertThat(limiter.trackedKeys(limit)).as(limit.name()).isLessThan(2000);
        }
        assertThat(limiter.trackedKeys(Limit.SEND)).isZero();
    }

    @Test
    void aRefilledBucketIsForgotten() {
        RateLimiter limiter = new RateLimiter(clock, RateLimiter.defaults(), 1 << 20);
        limiter.tryAcquire(Limit.LOOKUP, "t:a");
        assertThat(limiter.trackedKeys(Limit.LOOKUP)).isEqualTo(1);
        clock.advance(RateLimiter.refillTime(Limit.LOOKUP.defaultRate()).plusMillis(1));
        assertThat(limiter.trackedKeys(Limit.LOOKUP)).isZero();
    }

    /**
     * Names that can never exist get no bucket: a login or register for a name of 10 KiB (the request limit
     * allows 256) must not be kept as a rate-limiter key.
     */
    @Test
    void namesThatCannotExistAreNotRememberedByTheLimiter() {
        Directory d = withAlice(DirectoryConfig.defaults());
        int tags = 1000;
        for (int i = 0; i < tags; i++) {
            String huge = "x".repeat(10_000) + i + " invalid";
            assertThat(d.handle(new Request.Login(huge), "tag" + i).reply())
                    .isEqualTo(new Reply.Result(Topic.LOGIN, Status.USER_NOT_FOUND));
            assertThat(d.handle(new Request.Register(huge, alice.publicKeyPem()), "tag" + i).reply())
                    .isEqualTo(new Reply.Result(Topic.REGISTRATION, Status.INVALID_USERNAME));
        }
        assertThat(d.limiter().trackedKeys(Limit.LOGIN)).as("one key per tag, none per name").isEqualTo(tags);
        assertThat(d.limiter().trackedKeys(Limit.REGISTER)).as("one key per tag, none per name")
                .isEqualTo(tags + 2); // and alice's registration: her tag and her name
    }

    @Test
    void theHandOutMemoryWeighsWhatItRemembersAndStaysWithinItsBound() {
        HandedOut small = new HandedOut(1 << 20);
        for (int i = 0; i < 10; i++) {
            small.mark("bob", String.format("%032x", i), "tagB");
        }
        assertThat(small.bytes()).isEqualTo(HandedOut.RECIPIENT_BYTES + 2 * 3 + 10 * HandedOut.ID_BYTES);
        small.forget("bob", List.of(String.format("%032x", 0)));
        assertThat(small.bytes()).isEqualTo(HandedOut.RECIPIENT_BYTES + 2 * 3 + 9 * HandedOut.ID_BYTES);

        long bound = 256 << 10;
        HandedOut handedOut = new HandedOut(bound);
        for (int r = 0; r < 2000; r++) {
            for (int i = 0; i < 20; i++) {
                handedOut.mark("puppet" + r, String.format("%032x", r * 100 + i), "tag" + r);
            }
        }
        assertThat(handedOut.bytes()).isLessThanOrEqualTo(bound).isPositive();
    }

    /** A backlog is a batch of at most {@code batchBytes} (at least one message), and so is each resume step. */
    @Test
    void backlogsAndTheResumeComeInBatchesBoundedInBytes() {
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        String body = "\"" + "b".repeat(1000) + "\"";
        long oneMessage = 2500; // what MailboxMessage.heapBytes() says of one of these, about
        Directory d = withAlice(DirectoryConfig.defaults().withRates(Map.of())
                .withMemory(new MemoryBounds(1 << 20, 1 << 20, oneMessage * 3 / 2)));
        register(d, bob, "b");
        register(d, carol, "c");
        clock.advance(Duration.ofDays(2)); // their tags are stale: their mail waits
        for (int i = 0; i < 11; i++) {
            String to = i < 10 ? "bob" : "carol";
            String content = "{\"sender\":\"alice\",\"recipient\":\"" + to + "\",\"body\":" + body + ",\"n\":" + i
                    + "}";
            Outcome sent = d.handle(new Request.Send(content, alice.sign(content),
                    new SendContent.Message("alice", to, body, null)), "a");
            assertThat(sent.reply()).isEqualTo(new Reply.Result(Topic.SEND, Status.SUCCESS));
        }
        assertThat(mailbox.pending("bob", 100).getFirst().heapBytes()).isBetween(oneMessage - 300, oneMessage);

        List<List<Outcome.Delivery>> batches = new ArrayList<>();
        d.resume(batches::add);
        assertThat(batches).as("only reachable recipients: theirs are stale").isEmpty();

        assertThat(login(d, bob, "b2").deliveries()).as("the second message reaches the bound: the batch ends with it")
                .hasSize(2);
        assertThat(login(d, carol, "c2").deliveries()).hasSize(1);

        DirectoryConfig tiny = DirectoryConfig.defaults().withRates(Map.of())
                .withMemory(new MemoryBounds(1 << 20, 1 << 20, 1));
        directory(tiny).resume(batches::add); // a restart: nothing handed out yet
        assertThat(batches).as("one batch per reachable recipient").hasSize(2);
        assertThat(batches).as("a bound below one message still lets one through")
                .allSatisfy(b -> assertThat(b).hasSize(1));
        batches.clear();
        directory(tiny).resume(batch -> batches.add(batch) && false);
        assertThat(batches).as("stops when told").hasSize(1);
    }

    private Outcome login(Directory d, TestUser user, String tag) {
        Reply.Challenge c = (Reply.Challenge) d.handle(new Request.Login(user.name()), tag).reply();
        return d.handle(new Request.LoginResponse(user.sign(c.nonce())), tag);
    }
}
