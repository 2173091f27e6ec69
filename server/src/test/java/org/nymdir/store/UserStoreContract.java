package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nymdir.testing.Race;

/**
 * What every {@link UserStore} promises, run against each implementation by a subclass that says how to open
 * a fresh, empty store. The directory's unit tests rely on the memory store behaving exactly like SQLite.
 */
public abstract class UserStoreContract {

    protected UserStore store;

    /** A new, empty store; the contract closes it after each test. */
    protected abstract UserStore openStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static UserRecord user(String name) {
        return new UserRecord(name, "-----BEGIN PUBLIC KEY-----\nkey-of-" + name + "\n-----END PUBLIC KEY-----\n",
                "tag-of-" + name);
    }

    @Test
    void emptyStoreFindsNobody() {
        assertThat(store.findUser("alice")).isEmpty();
        assertThat(store.countUsers()).isZero();
    }

    @Test
    void insertedUserIsFoundExactly() {
        assertThat(store.insertUser(user("alice"))).isTrue();
        assertThat(store.findUser("alice")).contains(user("alice"));
        assertThat(store.countUsers()).isEqualTo(1);
    }

    @Test
    void takenUsernameIsRefusedAndTheFirstOwnerKept() {
        store.insertUser(user("alice"));
        UserRecord impostor = new UserRecord("alice", "other key", "other tag");
        assertThat(store.insertUser(impostor)).isFalse();
        assertThat(store.findUser("alice")).contains(user("alice"));
        assertThat(store.countUsers()).isEqualTo(1);
    }

    @Test
    void lookupsAreExactLikeTheOriginalButALookAlikeIsNotRegistered() {
        assertThat(store.insertUser(user("alice"))).isTrue();
        assertThat(store.findUser("ALICE")).isEmpty();
        for (String lookAlike : List.of("Alice", "ALICE", "aIice", "a1ice", "AL1CE", "alIce")) {
            assertThat(store.isTaken(lookAlike)).as(lookAlike).isTrue();
            assertThat(store.insertUser(user(lookAlike))).as(lookAlike).isFalse();
        }
        assertThat(store.insertUser(user("bob0"))).isTrue();
        assertThat(store.insertUser(user("bobO"))).isFalse();
        assertThat(store.insertUser(user("b0bo"))).isFalse();
        assertThat(store.insertUser(user("mallory"))).isTrue();
        assertThat(store.insertUser(user("rnallory"))).as("m looks like rn").isFalse();
        assertThat(store.insertUser(user("alice_"))).as("not a look-alike").isTrue();
        assertThat(store.insertUser(user("alice-"))).as("_ and - stay apart").isTrue();
        assertThat(store.isTaken("carol")).isFalse();
        assertThat(store.countUsers()).isEqualTo(5);
    }

    @Test
    void concurrentRegistrationsOfLookAlikesHaveExactlyOneWinner() throws Exception {
        List<String> spellings = List.of("dave1", "davel", "DAVEI", "Davei", "dAvE1", "davEl", "DAVE1", "daveL");
        AtomicInteger won = new AtomicInteger();
        Race.run(spellings.size(), id -> {
            if (store.insertUser(user(spellings.get(id)))) {
                won.incrementAndGet();
            }
        });
        assertThat(won).hasValue(1);
        assertThat(store.countUsers()).isEqualTo(1);
    }

    // ---- an account's life ----

    @Test
    void aKeyIsReplacedOnlyFromTheKeyStoredNow() {
        store.insertUser(user("alice"));
        assertThat(store.replaceKey("alice", "not the key", "new key")).isFalse();
        assertThat(store.replaceKey("alice", user("alice").publicKeyPem(), "new key")).isTrue();
        assertThat(store.findUser("alice")).contains(new UserRecord("alice", "new key", user("alice").senderTag()));
        assertThat(store.replaceKey("alice", user("alice").publicKeyPem(), "third key"))
                .as("a replayed rotation from the old key").isFalse();
        assertThat(store.replaceKey("nobody", "k", "new key")).isFalse();
    }

    @Test
    void aDeletedAccountsNameAndItsLookAlikesAreHeldUntilTheQuarantineEnds() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        store.insertUser(user("alice"));
        store.insertUser(user("bob"));
        assertThat(store.deleteAccount("alice", now.plusSeconds(3600))).isTrue();
        assertThat(store.deleteAccount("alice", now.plusSeconds(3600))).as("gone already").isFalse();
        assertThat(store.findUser("alice")).isEmpty();
        assertThat(store.countUsers()).isEqualTo(1);
        assertThat(store.isTaken("alice")).isTrue();
        assertThat(store.insertUser(user("alice"))).isFalse();
        assertThat(store.insertUser(user("ALICE"))).isFalse();
        assertThat(store.releaseHolds(now.plusSeconds(3599), 100)).isZero();
        assertThat(store.insertUser(user("alice"))).isFalse();
        assertThat(store.releaseHolds(now.plusSeconds(3600), 100)).isEqualTo(1);
        assertThat(store.isTaken("alice")).isFalse();
        assertThat(store.insertUser(user("aIice"))).as("free again, for anyone").isTrue();
        assertThat(store.insertUser(user("alice"))).isFalse();
        assertThat(store.findUser("bob")).contains(user("bob"));
    }

    @Test
    void releasingHoldsGoesInBoundedSteps() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            store.insertUser(user("gone" + (char) ('a' + i)));
            store.deleteAccount("gone" + (char) ('a' + i), now);
        }
        assertThat(store.releaseHolds(now, 2)).isEqualTo(2);
        assertThat(store.releaseHolds(now, 100)).isEqualTo(3);
        assertThat(store.releaseHolds(now, 100)).isZero();
    }

    // ---- databases the original filled: look-alike pairs stay as they are ----

    /**
     * A store reopened on a database whose {@code users} table also holds {@code rows}, written as the original
     * writes them (no skeletons); stores without a database of the original skip the tests that use it.
     */
    protected UserStore reopenWithOriginalRows(List<UserRecord> rows) {
        Assumptions.abort("this store has no database the original could have written");
        return null;
    }

    @Test
    void lookAlikePairsTheOriginalStoredKeepWorkingAndNoNewOneJoins() {
        store.insertUser(user("zed"));
        UserStore reopened = reopenWithOriginalRows(List.of(user("Alice"), user("alice"), user("aIice"),
                user("bob")));
        store = reopened;
        for (String name : List.of("Alice", "alice", "aIice", "bob", "zed")) {
            assertThat(store.findUser(name)).as(name).contains(user(name));
        }
        assertThat(store.updateSenderTag("aIice", "new-tag")).isTrue();
        assertThat(store.insertUser(user("ALICE"))).isFalse();
        assertThat(store.insertUser(user("a1ice"))).isFalse();
        assertThat(store.insertUser(user("B0b"))).isFalse();
        assertThat(store.insertUser(user("carol"))).isTrue();
        // the name that claimed the skeleton goes, its hold ends: the other spellings still keep newcomers out
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        String claimer = List.of("Alice", "alice", "aIice").stream().sorted().findFirst().orElseThrow();
        assertThat(store.deleteAccount(claimer, now)).isTrue();
        assertThat(store.releaseHolds(now, 100)).isEqualTo(1);
        assertThat(store.insertUser(user("ALICE"))).isFalse();
        assertThat(store.countUsers()).isEqualTo(5);
    }

    @Test
    void updateSenderTagChangesOnlyTheTag() {
        store.insertUser(user("alice"));
        assertThat(store.updateSenderTag("alice", "fresh-tag")).isTrue();
        assertThat(store.findUser("alice"))
                .contains(new UserRecord("alice", user("alice").publicKeyPem(), "fresh-tag"));
        assertThat(store.updateSenderTag("alice", "fresh-tag")).as("same tag again").isTrue();
        assertThat(store.findUser("alice").map(UserRecord::senderTag)).contains("fresh-tag");
    }

    @Test
    void updateOfUnknownUserIsFalseAndCreatesNothing() {
        assertThat(store.updateSenderTag("nobody", "tag")).isFalse();
        assertThat(store.findUser("nobody")).isEmpty();
        assertThat(store.countUsers()).isZero();
    }

    @Test
    void anyWellFormedStringRoundTrips() {
        List<String> odd = new ArrayList<>(List.of("", " ", "a b\tc\n", "'; DROP TABLE users; --", "\"quoted\"",
                "nul\u0000inside", "emoji 😀 and 𝄞", "ünïcödé ✓ 中文 العربية", "%_*?", "\\x00\\n",
                "x".repeat(1 << 20)));
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            odd.add(randomWellFormed(random, random.nextInt(40)));
        }
        for (int i = 0; i < odd.size(); i++) {
            String s = odd.get(i);
            UserRecord record = new UserRecord(i + ":" + s, s, s);
            assertThat(store.insertUser(record)).as("insert #%d", i).isTrue();
            assertThat(store.findUser(record.username())).as("find #%d", i).contains(record);
            assertThat(store.updateSenderTag(record.username(), s + "!")).isTrue();
            assertThat(store.findUser(record.username()).map(UserRecord::senderTag)).contains(s + "!");
        }
        assertThat(store.insertUser(user(""))).isTrue();
        assertThat(store.findUser("")).contains(user(""));
        assertThat(store.countUsers()).isEqualTo(odd.size() + 1);
    }

    @Test
    void malformedUnicodeIsRefusedOnWritesAndNeverFound() {
        store.insertUser(user("?"));
        for (String bad : List.of("\uD800", "a\uDC00b", "end\uD83D", "\uDE00\uD83D")) {
            assertThatThrownBy(() -> store.insertUser(user(bad))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.insertUser(new UserRecord("ok", bad, "t")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.insertUser(new UserRecord("ok", "k", bad)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.updateSenderTag("?", bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.findUser(bad)).isEmpty();
            assertThat(store.updateSenderTag(bad, "t")).isFalse();
        }
        assertThat(store.findUser("?")).contains(user("?"));
        assertThat(store.findUser("ok")).isEmpty();
        assertThat(store.countUsers()).isEqualTo(1);
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> store.insertUser(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.insertUser(new UserRecord(null, "k", "t")))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.insertUser(new UserRecord("a", null, "t")))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.insertUser(new UserRecord("a", "k", null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.findUser(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.updateSenderTag(null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.updateSenderTag("a", null)).isInstanceOf(NullPointerException.class);
        assertThat(store.countUsers()).isZero();
    }

    @Test
    void closedStoreThrowsStoreExceptionAndClosesTwice() {
        store.insertUser(user("alice"));
        store.close();
        assertThatThrownBy(() -> store.findUser("alice")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.insertUser(user("bob"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.updateSenderTag("alice", "t")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.countUsers()).isInstanceOf(StoreException.class);
        store.close();
    }

    @Test
    void concurrentRegistrationsOfOneNameHaveExactlyOneWinner() throws Exception {
        int threads = 16;
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            shared.add("shared" + i);
        }
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        List<List<String>> namesOf = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> names = new ArrayList<>(shared);
            for (int i = 0; i < 20; i++) {
                names.add("own" + t + "-" + i);
            }
            Collections.shuffle(names, new Random(t));
            namesOf.add(names);
        }
        Race.run(threads, id -> {
            for (String name : namesOf.get(id)) {
                UserRecord record = new UserRecord(name, "key" + id, "tag" + id);
                if (store.insertUser(record)) {
                    wins.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    // the winner's record is the one stored, right after its insert returned
                    assertThat(store.findUser(name)).contains(record);
                }
            }
        });
        assertThat(wins).hasSize(100 + threads * 20);
        assertThat(wins.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(store.countUsers()).isEqualTo(100 + threads * 20);
    }

    @Test
    void concurrentInsertsAndUpdatesStayConsistent() throws Exception {
        int names = 200;
        Map<String, Boolean> updated = new ConcurrentHashMap<>();
        Race.run(3, role -> {
            switch (role) {
                case 0 -> { // inserts every name
                    for (int i = 0; i < names; i++) {
                        assertThat(store.insertUser(new UserRecord("u" + i, "k", "original"))).isTrue();
                    }
                }
                case 1 -> { // updates them, before or after their insert
                    for (int i = 0; i < names; i++) {
                        updated.put("u" + i, store.updateSenderTag("u" + i, "updated"));
                    }
                }
                default -> { // reads meanwhile
                    for (int i = 0; i < names * 2; i++) {
                        store.findUser("u" + (i % names));
                        store.countUsers();
                    }
                }
            }
        });
        // an update that said true came after the insert and must have stuck; one that said false came before
        for (int i = 0; i < names; i++) {
            String expected = updated.get("u" + i) ? "updated" : "original";
            assertThat(store.findUser("u" + i).map(UserRecord::senderTag)).as("u%d", i).contains(expected);
        }
    }

    private static String randomWellFormed(Random random, int codePoints) {
        StringBuilder sb = new StringBuilder();
        while (codePoints-- > 0) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x80);
            } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    protected static Optional<String> tagOf(UserStore s, String name) {
        return s.findUser(name).map(UserRecord::senderTag);
    }
}
