package org.nymdir.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.json.PythonJson;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.store.memory.InMemoryMailbox;
import org.nymdir.store.memory.InMemoryPresence;
import org.nymdir.store.memory.InMemoryUserStore;
import org.nymdir.testing.TestClock;
import org.nymdir.testing.TestUser;
import org.nymdir.vocabulary.Status;

/** The directory's use cases, every row of the v1 tables, with real crypto and no network or disk. */
class DirectoryTest {
    private static final String TAG_A = "zXExeyvPEHUk9rjXTu78T";
    private static final String TAG_B = "6CzGHguLGCk1f416kwDZB7";
    private static final String TAG_C = "YcVfxkQb6JRzqk5kF2tNLv";

    private final TestClock clock = TestClock.atEpochDay();
    private final InMemoryUserStore users = new InMemoryUserStore();
    private final AtomicInteger nonceCounter = new AtomicInteger();
    private final Directory directory = directory(users, ChallengePolicy.defaults());
    private final TestUser alice = TestUser.named("alice");
    private final TestUser bob = TestUser.named("bob");

    private Directory directory(UserStore store, ChallengePolicy policy) {
        return new Directory(new Stores(store, new InMemoryMailbox(), new InMemoryPresence()),
                new EcdsaVerifier(Ecdsa.withDefaultProvider(), 1 << 20),
                () -> String.format("%032x", nonceCounter.incrementAndGet()), clock,
                DirectoryConfig.defaults().withChallenges(policy).withRates(Map.of()));
    }

    private static Reply.Result result(Outcome o) {
        assertThat(o.deliveries()).isEmpty();
        return (Reply.Result) o.reply();
    }

    private String challenge(Outcome o, Topic topic) {
        Reply.Challenge c = (Reply.Challenge) o.reply();
        assertThat(c.topic()).isEqualTo(topic);
        assertThat(c.nonce()).matches("[0-9a-f]{32}");
        return c.nonce();
    }

    /** Registers {@code user} under {@code tag} through the full challenge. */
    private void register(TestUser user, String tag) {
        String nonce = challenge(directory.handle(new Request.Register(user.name(), user.publicKeyPem()), tag),
                Topic.REGISTRATION);
        assertThat(result(directory.handle(new Request.RegistrationResponse(user.sign(nonce)), tag)))
                .isEqualTo(new Reply.Result(Topic.REGISTRATION, Status.SUCCESS));
    }

    private Reply.Result registerResult(String name, String pem) {
        return result(directory.handle(new Request.Register(name, pem), TAG_A));
    }

    @Nested
    class Register {
        @Test
        void missingNameOrKey() {
            assertThat(registerResult(null, alice.publicKeyPem()).status()).isEqualTo(Status.MISSING_USERNAME_OR_KEY);
            assertThat(registerResult("alice", null).status()).isEqualTo(Status.MISSING_USERNAME_OR_KEY);
        }

        @Test
        void invalidUsernames() {
            for (String name : new String[] {"al ice", "alice!", "ålice", "a".repeat(65), "a\n"}) {
                assertThat(registerResult(name, alice.publicKeyPem()).status()).as(name)
                        .isEqualTo(Status.INVALID_USERNAME);
            }
            challenge(directory.handle(new Request.Register("A-z_0-9" + "x".repeat(57), alice.publicKeyPem()), TAG_A),
                    Topic.REGISTRATION);
        }

        @Test
        void invalidPublicKeyIsRefusedBeforeAnythingIsRemembered() {
            assertThat(registerResult("alice", "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n").status())
                    .isEqualTo(Status.INVALID_PUBLIC_KEY);
            assertThat(result(directory.handle(new Request.RegistrationResponse("00"), TAG_A)).status())
                    .isEqualTo(Status.NO_PENDING_REGISTRATION);
        }

        @Test
        void takenName() {
            register(alice, TAG_A);
            assertThat(registerResult("alice", bob.publicKeyPem()).status()).isEqualTo(Status.USERNAME_TAKEN);
        }

        @Test
        void successStoresNameKeyAndTag() {
            register(alice, TAG_A);
            assertThat(users.findUser("alice")).contains(new UserRecord("alice", alice.publicKeyPem(), TAG_A));
        }

        @Test
        void noPendingRegistration() {
            assertThat(result(directory.handle(new Request.RegistrationResponse(alice.sign("x")), TAG_A)).status())
                    .isEqualTo(Status.NO_PENDING_REGISTRATION);
        }

        @Test
        void pendingIsPerSenderTag() {
            String nonce = challenge(directory.handle(new Request.Register("alice", alice.publicKeyPem()), TAG_A),
                    Topic.REGISTRATION);
            assertThat(result(directory.handle(new Request.RegistrationResponse(alice.sign(nonce)), TAG_B)).status())
                    .isEqualTo(Status.NO_PENDING_REGISTRATION);
        }

        @Test
        void badSignatureFailsAndConsumesThePending() {
            String nonce = challenge(directory.handle(new Request.Register("alice", alice.publicKeyPem()), TAG_A),
                    Topic.REGISTRATION);
            assertThat(result(directory.handle(new Request.RegistrationResponse(bob.sign(nonce)), TAG_A)).status())
                    .isEqualTo(Status.REGISTRATION_SIGNATURE_FAILED);
            assertThat(result(directory.handle(new Request.RegistrationResponse(alice.sign(nonce)), TAG_A)).status())
                    .isEqualTo(Status.NO_PENDING_REGISTRATION);
            assertThat(users.findUser("alice")).isEmpty();
        }

        @Test
        void missingOrGarbageSignatureFails() {
            for (String sig : new String[] {null, "zz", "30", "ab".repeat(200)}) {
                directory.handle(new Request.Register("alice", alice.publicKeyPem()), TAG_A);
                assertThat(result(directory.handle(new Request.RegistrationResponse(sig), TAG_A)).status())
                        .isEqualTo(Status.REGISTRATION_SIGNATURE_FAILED);
            }
        }

        @Test
        void upperCaseHexSignatureIsAccepted() {
            String nonce = challenge(directory.handle(new Request.Register("alice", alice.publicKeyPem()), TAG_A),
                    Topic.REGISTRATION);
            assertThat(result(directory.handle(
                    new Request.RegistrationResponse(alice.sign(nonce).toUpperCase()), TAG_A)).status())
                    .isEqualTo(Status.SUCCESS);
        }

        @Test
        void nameTakenMeanwhileIsADatabaseFailure() {
            String nonce = challenge(directory.handle(new Request.Register("alice", alice.publicKeyPem()), TAG_A),
                    Topic.REGISTRATION);
            register(new TestUser("alice", bob.keys()), TAG_B);
            assertThat(result(directory.handle(new Request.RegistrationResponse(alice.sign(nonce)), TAG_A)).status())
                    .isEqualTo(Status.DATABASE_FAILURE);
        }

        @Test
        void challengeExpiresAfterFiveMinutes() {
            String nonce = challenge(directory.handle(new Request.Register("alice", alice.publicKeyPem()), TAG_A),
                    Topic.REGISTRATION);
            clock.advance(Duration.ofMinutes(5));
            assertThat(result(directory.handle(new Request.RegistrationResponse(alice.sign(nonce)), TAG_A)).status())
                    .isEqualTo(Status.NO_PENDING_REGISTRATION);
        }
    }

    @Nested
    class Login {
        @Test
        void missingUnknownAndMalformedNames() {
            register(alice, TAG_A);
            assertThat(result(directory.handle(new Request.Login(null), TAG_B)).status())
                    .isEqualTo(Status.MISSING_USERNAME);
            assertThat(result(directory.handle(new Request.Login("carol"), TAG_B)).status())
                    .isEqualTo(Status.USER_NOT_FOUND);
            assertThat(result(directory.handle(new Request.Login("a!"), TAG_B)).status())
                    .isEqualTo(Status.USER_NOT_FOUND);
        }

        @Test
        void successMovesTheStoredTagToTheNewRun() {
            register(alice, TAG_A);
            String nonce = challenge(directory.handle(new Request.Login("alice"), TAG_B), Topic.LOGIN);
            assertThat(result(directory.handle(new Request.LoginResponse(alice.sign(nonce)), TAG_B)).status())
                    .isEqualTo(Status.SUCCESS);
            assertThat(users.findUser("alice").orElseThrow().senderTag()).isEqualTo(TAG_B);
        }

        @Test
        void noPendingLogin() {
            assertThat(result(directory.handle(new Request.LoginResponse("00"), TAG_B)).status())
                    .isEqualTo(Status.NO_PENDING_LOGIN);
        }

        @Test
        void invalidSignatureKeepsTheOldTagAndConsumesThePending() {
            register(alice, TAG_A);
            String nonce = challenge(directory.handle(new Request.Login("alice"), TAG_B), Topic.LOGIN);
            assertThat(result(directory.handle(new Request.LoginResponse(bob.sign(nonce)), TAG_B)).status())
                    .isEqualTo(Status.INVALID_SIGNATURE);
            assertThat(result(directory.handle(new Request.LoginResponse(alice.sign(nonce)), TAG_B)).status())
                    .isEqualTo(Status.NO_PENDING_LOGIN);
            assertThat(users.findUser("alice").orElseThrow().senderTag()).isEqualTo(TAG_A);
        }

        @Test
        void signatureOverAnotherNonceFails() {
            register(alice, TAG_A);
            directory.handle(new Request.Login("alice"), TAG_B);
            assertThat(result(directory.handle(new Request.LoginResponse(alice.sign("0".repeat(32))), TAG_B)).status())
                    .isEqualTo(Status.INVALID_SIGNATURE);
        }

        @Test
        void loginAndRegistrationChallengesAreKeptApart() {
            register(alice, TAG_A);
            String nonce = challenge(directory.handle(new Request.Login("alice"), TAG_B), Topic.LOGIN);
            directory.handle(new Request.Register("bob", bob.publicKeyPem()), TAG_B);
            assertThat(result(directory.handle(new Request.LoginResponse(alice.sign(nonce)), TAG_B)).status())
                    .isEqualTo(Status.SUCCESS);
        }

        @Test
        void oldestPendingChallengeIsEvictedAtItsByteBound() {
            // room for two login challenges of alice (about 770 bytes each as weighed), not three
            Directory small = directory(users, new ChallengePolicy(Duration.ofMinutes(5), 2000));
            register(alice, TAG_A);
            String first = challenge(small.handle(new Request.Login("alice"), TAG_A), Topic.LOGIN);
            String second = challenge(small.handle(new Request.Login("alice"), TAG_B), Topic.LOGIN);
            small.handle(new Request.Login("alice"), TAG_C);
            assertThat(result(small.handle(new Request.LoginResponse(alice.sign(first)), TAG_A)).status())
                    .isEqualTo(Status.NO_PENDING_LOGIN);
            assertThat(result(small.handle(new Request.LoginResponse(alice.sign(second)), TAG_B)).status())
                    .isEqualTo(Status.SUCCESS);
        }
    }

    @Nested
    class Query {
        @Test
        void everyRow() {
            register(alice, TAG_A);
            assertThat(result(directory.handle(new Request.Query(null), TAG_B)).status())
                    .isEqualTo(Status.MISSING_QUERY_USERNAME);
            assertThat(directory.handle(new Request.Query("alice"), TAG_B).reply())
                    .isEqualTo(new Reply.UserFound("alice", alice.publicKeyPem()));
            assertThat(result(directory.handle(new Request.Query("bob"), TAG_B)).status())
                    .isEqualTo(Status.NO_USER_FOUND);
            assertThat(result(directory.handle(new Request.Query("ALICE"), TAG_B)).status())
                    .isEqualTo(Status.NO_USER_FOUND);
            assertThat(result(directory.handle(new Request.Query("x".repeat(10_000)), TAG_B)).status())
                    .isEqualTo(Status.NO_USER_FOUND);
        }
    }

    @Nested
    class Send {
        private Request.Send send(TestUser from, String to, String body) {
            String content = "{\"sender\": \"" + from.name() + "\", \"recipient\": \"" + to + "\", \"body\": " + body
                    + ", \"encrypted\": true}";
            return new Request.Send(content, from.sign(content),
                    new SendContent.Message(from.name(), to, body));
        }

        @Test
        void forwardsToTheRecipientsTagAndAnswersSuccess() {
            register(alice, TAG_A);
            register(bob, TAG_B);
            Outcome o = directory.handle(send(alice, "bob", "{\"k\": 1}"), TAG_A);
            assertThat(o.reply()).isEqualTo(new Reply.Result(Topic.SEND, Status.SUCCESS));
            assertThat(o.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.senderTag()).isEqualTo(TAG_B);
                assertThat(d.recipient()).isEqualTo("bob");
                assertThat(d.messageId()).matches("[0-9a-f]{32}");
                assertThat(d.reply()).isEqualTo(new Reply.Incoming("alice", "{\"k\": 1}", null, d.messageId()));
            });
        }

        @Test
        void missingContentOrSignature() {
            assertThat(result(directory.handle(new Request.Send(null, "00", new SendContent.NotJson()), TAG_A))
                    .status())
                    .isEqualTo(Status.MISSING_CONTENT_OR_SIGNATURE);
            assertThat(result(directory.handle(new Request.Send("{}", null, new SendContent.MissingParties()), TAG_A))
                    .status()).isEqualTo(Status.MISSING_CONTENT_OR_SIGNATURE);
        }

        @Test
        void contentThatIsNotJsonOrHasNoParties() {
            assertThat(result(directory.handle(new Request.Send("{", "00", new SendContent.NotJson()), TAG_A)).status())
                    .isEqualTo(Status.INVALID_CONTENT_JSON);
            assertThat(result(directory.handle(new Request.Send("{}", "00", new SendContent.MissingParties()), TAG_A))
                    .status()).isEqualTo(Status.MISSING_SENDER_OR_RECIPIENT);
        }

        @Test
        void unrecognizedSender() {
            register(bob, TAG_B);
            assertThat(result(directory.handle(send(alice, "bob", "{}"), TAG_A)).status())
                    .isEqualTo(Status.UNRECOGNIZED_SENDER);
        }

        @Test
        void invalidSignatureChangesNothing() {
            register(alice, TAG_A);
            register(bob, TAG_B);
            Request.Send good = send(alice, "bob", "{}");
            Request.Send forged = new Request.Send(good.content(), bob.sign(good.content()), good.message());
            assertThat(result(directory.handle(forged, TAG_C)).status()).isEqualTo(Status.INVALID_SIGNATURE);
            assertThat(users.findUser("alice").orElseThrow().senderTag()).isEqualTo(TAG_A);
        }

        @Test
        void aVerifiedSendFromAnotherTagNeverMovesTheRoute() {
            register(alice, TAG_A);
            register(bob, TAG_B);
            // alice's signed content, as every recipient of her direct messages holds it, sent from TAG_C
            assertThat(directory.handle(send(alice, "bob", "{\"replayed\": 1}"), TAG_C).reply())
                    .isEqualTo(new Reply.Result(Topic.SEND, Status.SUCCESS));
            assertThat(result(directory.handle(send(alice, "carol", "{}"), TAG_C)).status())
                    .isEqualTo(Status.RECIPIENT_NOT_FOUND);
            assertThat(users.findUser("alice").orElseThrow().senderTag()).isEqualTo(TAG_A);
            // mail for alice still goes to her route
            Outcome o = directory.handle(send(bob, "alice", "{}"), TAG_B);
            assertThat(o.deliveries()).extracting(Outcome.Delivery::senderTag).containsExactly(TAG_A);
        }

        @Test
        void aRefusedSendChangesNothing() {
            register(alice, TAG_A);
            register(bob, TAG_B);
            Request.Send once = send(alice, "bob", "{\"n\": 1}");
            assertThat(directory.handle(once, TAG_A).reply()).isEqualTo(new Reply.Result(Topic.SEND, Status.SUCCESS));
            assertThat(result(directory.handle(once, TAG_C)).status()).isEqualTo(Status.DUPLICATE_MESSAGE);
            assertThat(users.findUser("alice").orElseThrow().senderTag()).isEqualTo(TAG_A);
        }

        @Test
        void onlyALoginMovesTheRoute() {
            register(alice, TAG_A);
            String nonce = challenge(directory.handle(new Request.Login("alice"), TAG_C), Topic.LOGIN);
            assertThat(result(directory.handle(new Request.LoginResponse(alice.sign(nonce)), TAG_C)).status())
                    .isEqualTo(Status.SUCCESS);
            assertThat(users.findUser("alice").orElseThrow().senderTag()).isEqualTo(TAG_C);
            assertThat(directory.isProvenTag(TAG_C)).isTrue();
            assertThat(directory.isProvenTag(TAG_B)).isFalse();
        }

        @Test
        void messageToOneselfGoesToTheRoute() {
            register(alice, TAG_A);
            Outcome o = directory.handle(send(alice, "alice", "{}"), TAG_C);
            assertThat(o.deliveries()).extracting(Outcome.Delivery::senderTag).containsExactly(TAG_A);
        }

        @Test
        void aSenderPublicKeyThatIsNotTheSendersRegisteredKeyIsDropped() {
            register(alice, TAG_A);
            register(bob, TAG_B);
            String own = PythonJson.writeString(alice.publicKeyPem(), new StringBuilder()).toString();
            String other = PythonJson.writeString(bob.publicKeyPem(), new StringBuilder()).toString();
            Outcome kept = directory.handle(sendWithKey(alice, "bob", own, alice.publicKeyPem()), TAG_A);
            assertThat(((Reply.Incoming) kept.deliveries().get(0).reply()).rawSenderPublicKey()).isEqualTo(own);
            Outcome dropped = directory.handle(sendWithKey(alice, "bob", other, bob.publicKeyPem()), TAG_A);
            assertThat(dropped.reply()).isEqualTo(new Reply.Result(Topic.SEND, Status.SUCCESS));
            assertThat(((Reply.Incoming) dropped.deliveries().get(0).reply()).rawSenderPublicKey()).isNull();
            Outcome notAString = directory.handle(sendWithKey(alice, "bob", "[1]", null), TAG_A);
            assertThat(((Reply.Incoming) notAString.deliveries().get(0).reply()).rawSenderPublicKey()).isNull();
        }

        private Request.Send sendWithKey(TestUser from, String to, String rawKey, String key) {
            String content = "{\"sender\": \"" + from.name() + "\", \"recipient\": \"" + to
                    + "\", \"body\": {}, \"senderPublicKey\": " + rawKey + "}";
            return new Request.Send(content, from.sign(content),
                    new SendContent.Message(from.name(), to, "{}", rawKey, key));
        }
    }

    @Test
    void unimplementedAndUnknownActionsAreAnswered() {
        for (Topic t : new Topic[] {Topic.UPDATE, Topic.SEND_GROUP, Topic.CREATE_GROUP, Topic.INVITE_GROUP}) {
            assertThat(result(directory.handle(new Request.Unimplemented(t), TAG_A)))
                    .isEqualTo(new Reply.Result(t, Status.UNIMPLEMENTED));
        }
        assertThat(result(directory.handle(new Request.Unknown(), TAG_A)))
                .isEqualTo(new Reply.Result(Topic.UNKNOWN, Status.UNKNOWN_ACTION));
    }

    @Test
    void aFailingStoreBecomesAnInternalErrorReplyInTheRequestsTopic() {
        UserStore broken = new UserStore() {
            public Optional<UserRecord> findUser(String username) {
                throw new StoreException("disk on fire", null);
            }

            public boolean insertUser(UserRecord user) {
                throw new StoreException("disk on fire", null);
            }

            public boolean updateSenderTag(String username, String senderTag) {
                throw new StoreException("disk on fire", null);
            }

            public boolean isTaken(String username) {
                throw new StoreException("disk on fire", null);
            }

            public boolean replaceKey(String username, String oldKeyPem, String newKeyPem) {
                throw new StoreException("disk on fire", null);
            }

            public boolean deleteAccount(String username, java.time.Instant heldUntil) {
                throw new StoreException("disk on fire", null);
            }

            public int releaseHolds(java.time.Instant now, int limit) {
                throw new StoreException("disk on fire", null);
            }

            public java.util.List<String> unusedSince(java.time.Instant cutoff, int limit) {
                throw new StoreException("disk on fire", null);
            }

            public long countUsers() {
                return 0;
            }

            public void close() {
            }
        };
        Directory d = directory(broken, ChallengePolicy.defaults());
        assertThat(result(d.handle(new Request.Query("alice"), TAG_A)))
                .isEqualTo(new Reply.Result(Topic.QUERY, Status.INTERNAL_ERROR));
        assertThat(result(d.handle(new Request.Login("alice"), TAG_A)))
                .isEqualTo(new Reply.Result(Topic.LOGIN, Status.INTERNAL_ERROR));
    }
}
