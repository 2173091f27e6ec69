package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
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
    void usernamesAreCaseSensitiveLikeTheOriginal() {
        assertThat(store.insertUser(user("alice"))).isTrue();
        assertThat(store.insertUser(user("Alice"))).isTrue();
        assertThat(store.findUser("ALICE")).isEmpty();
        assertThat(store.countUsers()).isEqualTo(2);
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
