package org.nymdir.directory;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Nothing in memory grows with the number of sender tags or names a stream of requests brings: 200,000
 * distinct tags (twice the caps) leave the pending challenges and the rate limiters at their caps, with the
 * newest entries kept.
 */
class MemoryBoundsTest {
    private static final int TAGS = 200_000;
    private static final int CAP = 100_000; // the defaults: ChallengePolicy.DEFAULT_CAPACITY, 100,000 limiter keys

    private final TestClock clock = TestClock.atEpochDay();
    private final AtomicInteger nonces = new AtomicInteger();
    private final TestUser alice = TestUser.named("alice");

    private Directory directory(DirectoryConfig config) {
        Directory d = new Directory(new Stores(new InMemoryUserStore(), new InMemoryMailbox(), new InMemoryPresence()),
                new EcdsaVerifier(new Ecdsa(EcdsaProvider.jdk()), 100),
                () -> String.format("%032x", nonces.incrementAndGet()), clock, config);
        Reply.Challenge c = (Reply.Challenge) d.handle(new Request.Register("alice", alice.publicKeyPem()), "a").reply();
        d.handle(new Request.RegistrationResponse(alice.sign(c.nonce())), "a");
        return d;
    }

    @Test
    void pendingChallengesStayAtTheirCapAndKeepTheNewest() {
        assertThat(ChallengePolicy.DEFAULT_CAPACITY).isEqualTo(CAP);
        Directory d = directory(DirectoryConfig.defaults().withRates(Map.of()));
        String pem = TestUser.named("x").publicKeyPem();
        Reply last = null;
        for (int i = 0; i < TAGS; i++) {
            String tag = "tag" + i;
            assertThat(d.handle(new Request.Register("user" + i, pem), tag).reply()).isInstanceOf(Reply.Challenge.class);
            last = d.handle(new Request.Login("alice"), tag).reply();
        }
        assertThat(d.pendingRegistrations()).isEqualTo(CAP);
        assertThat(d.pendingLogins()).isEqualTo(CAP);
        // The oldest were evicted, the newest still answer.
        assertThat(d.handle(new Request.LoginResponse(alice.sign("x")), "tag0").reply())
                .isEqualTo(new Reply.Result(Topic.LOGIN, Status.NO_PENDING_LOGIN));
        String nonce = ((Reply.Challenge) last).nonce();
        assertThat(d.handle(new Request.LoginResponse(alice.sign(nonce)), "tag" + (TAGS - 1)).reply())
                .isEqualTo(new Reply.Result(Topic.LOGIN, Status.SUCCESS));
    }

    @Test
    void rateLimitersRememberAtMostTheirCapOfTagsAndNames() {
        Directory d = directory(DirectoryConfig.defaults());
        String pem = TestUser.named("x").publicKeyPem();
        for (int i = 0; i < TAGS; i++) {
            String tag = "tag" + i;
            d.handle(new Request.Register("user" + i, pem), tag);
            d.handle(new Request.Login("name" + i), tag);
            d.handle(new Request.Query("q" + i), tag);
            d.handle(new Request.LoginResponse("00"), tag);
        }
        RateLimiter limiter = d.limiter();
        for (Limit limit : new Limit[] {Limit.REGISTER, Limit.LOGIN, Limit.LOOKUP, Limit.CHALLENGE_RESPONSE}) {
            assertThat(limiter.trackedKeys(limit)).as(limit.name()).isEqualTo(CAP);
        }
    }

    /**
     * Names that can never exist get no bucket: a login or register for a name of 200 KiB (the request limit
     * allows it) must not be kept as a rate-limiter key, or the cap on keys would not bound the memory.
     */
    @Test
    void namesThatCannotExistAreNotRememberedByTheLimiter() {
        Directory d = directory(DirectoryConfig.defaults());
        int tags = 1000;
        for (int i = 0; i < tags; i++) {
            String huge = "x".repeat(10_000) + i + " invalid";
            assertThat(d.handle(new Request.Login(huge), "tag" + i).reply())
                    .isEqualTo(new Reply.Result(Topic.LOGIN, Status.USER_NOT_FOUND));
            assertThat(d.handle(new Request.Register(huge, alice.publicKeyPem()), "tag" + i).reply())
                    .isEqualTo(new Reply.Result(Topic.REGISTRATION, Status.INVALID_USERNAME));
        }
        assertThat(d.limiter().trackedKeys(Limit.LOGIN)).as("one key per tag, none per name").isEqualTo(tags);
        assertThat(d.limiter().trackedKeys(Limit.REGISTER)).as("one key per tag, none per name").isEqualTo(tags + 2); // and alice's registration: her tag and her name
    }
}
