package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Mailbox} promises when called from one thread, with the helpers of the whole contract;
 * {@link MailboxContract} adds the races, and implementations' tests extend that.
 */
public abstract class MailboxBasicsContract {

    protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    protected static final Duration LIFE = Duration.ofDays(7);
    protected static final int QUOTA = 1_000;

    private static final AtomicLong ids = new AtomicLong();

    protected Mailbox mailbox;

    /** A new, empty mailbox; the contract closes it after each test. */
    protected abstract Mailbox openMailbox();

    @BeforeEach
    void openFreshMailbox() {
        mailbox = openMailbox();
    }

    @AfterEach
    void closeMailbox() {
        mailbox.close();
    }

    /** A fresh random-looking id, unique within the test run. */
    protected static String newId() {
        return HexFormat.of().formatHex(sha256("id" + ids.incrementAndGet())).substring(0, 32);
    }

    protected static MailboxMessage message(String recipient, Instant acceptedAt) {
        String id = newId();
        return new MailboxMessage(id, recipient, "alice", "{\"n\":\"" + id + "\"}", "\"pem\"", acceptedAt,
                acceptedAt.plus(LIFE));
    }

    /** The replay key the directory would make: SHA-256 of a signature; here of any text. */
    protected static byte[] key(String signature) {
        return sha256(signature);
    }

    protected static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Enqueues with a key unique to the message and the default quota; returns the message. */
    protected MailboxMessage store(MailboxMessage m) {
        assertThat(mailbox.enqueue(m, key("sig-" + m.id()), QUOTA)).isEqualTo(EnqueueResult.STORED);
        return m;
    }

    protected MailboxMessage store(String recipient, Instant acceptedAt) {
        return store(message(recipient, acceptedAt));
    }

    @Test
    void emptyMailboxHoldsNothing() {
        assertThat(mailbox.pending("bob", 10)).isEmpty();
        assertThat(mailbox.size()).isZero();
        assertThat(mailbox.count("bob")).isZero();
        assertThat(mailbox.recipientsWithPending("", 10)).isEmpty();
        assertThat(mailbox.remove("bob", List.of(newId()))).isZero();
        assertThat(mailbox.expire(T0.plus(Duration.ofDays(365)))).isZero();
    }

    @Test
    void aStoredMessageReadsBackEqualIncludingANullKeyAndOddText() {
        String body = "{\"text\": \"emoji 😀 𝄞, nul \u0000, quote \\\" and ünïcödé ✓ 中文\"}";
        MailboxMessage withKey = store(new MailboxMessage(newId(), "bob", "alice", body, "{\"kty\":\"EC\"}",
                T0, T0.plus(LIFE)));
        MailboxMessage withoutKey = store(new MailboxMessage(newId(), "bob", "carol", "null", null,
                T0.plusMillis(1), T0.plus(LIFE)));
        assertThat(mailbox.pending("bob", 10)).containsExactly(withKey, withoutKey);
        assertThat(mailbox.count("bob")).isEqualTo(2);
        assertThat(mailbox.size()).isEqualTo(2);
    }

    @Test
    void theLargestAllowedBodyRoundTrips() {
        String body = "é".repeat(MailboxMessage.MAX_BODY_BYTES / 2); // 2 bytes each: exactly the limit
        MailboxMessage big = store(new MailboxMessage(newId(), "bob", "alice", body, null, T0, T0.plus(LIFE)));
        assertThat(mailbox.pending("bob", 1)).containsExactly(big);
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        Instant precise = T0.plusNanos(123_456_789);
        MailboxMessage m = store(new MailboxMessage(newId(), "bob", "alice", "b", null, precise,
                precise.plus(LIFE)));
        assertThat(m.acceptedAt()).isEqualTo(T0.plusMillis(123));
        assertThat(mailbox.pending("bob", 1).getFirst().acceptedAt()).isEqualTo(T0.plusMillis(123));
    }

    @Test
    void pendingIsInAcceptanceOrderWithTiesInInsertionOrder() {
        MailboxMessage late = store("bob", T0.plusSeconds(30));
        MailboxMessage tieA = store("bob", T0.plusSeconds(10));
        MailboxMessage early = store("bob", T0);
        MailboxMessage tieB = store("bob", T0.plusSeconds(10));
        MailboxMessage tieC = store("bob", T0.plusSeconds(10));
        store("carol", T0.minusSeconds(5));
        assertThat(mailbox.pending("bob", 100)).containsExactly(early, tieA, tieB, tieC, late);
        assertThat(mailbox.pending("bob", 2)).containsExactly(early, tieA);
        mailbox.remove("bob", List.of(early.id(), tieA.id()));
        assertThat(mailbox.pending("bob", 2)).containsExactly(tieB, tieC);
    }

    @Test
    void aListingBoundedInBytesEndsWithTheMessageThatReachesTheBound() {
        List<MailboxMessage> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(store(new MailboxMessage(newId(), "bob", "alice", "x".repeat(1000 * (i + 1)), null,
                    T0.plusSeconds(i), T0.plus(LIFE))));
        }
        long firstTwo = all.get(0).heapBytes() + all.get(1).heapBytes();
        assertThat(mailbox.pending("bob", 100, firstTwo)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(mailbox.pending("bob", 100, firstTwo + 1)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(mailbox.pending("bob", 100, 1)).as("at least one, however large").containsExactly(all.get(0));
        assertThat(mailbox.pending("bob", 2, Long.MAX_VALUE)).as("the count still bounds it")
                .containsExactlyElementsOf(all.subList(0, 2));
        assertThat(mailbox.pending("carol", 10, 1)).isEmpty();
        assertThatThrownBy(() -> mailbox.pending("bob", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQuotaRefusesTheMessageAndForgetsItsKeySoItCanBeRetried() {
        MailboxMessage first = store("bob", T0);
        store("bob", T0.plusSeconds(1));
        MailboxMessage third = message("bob", T0.plusSeconds(2));
        assertThat(mailbox.enqueue(third, key("third"), 2)).isEqualTo(EnqueueResult.FULL);
        assertThat(mailbox.count("bob")).isEqualTo(2);
        assertThat(mailbox.enqueue(message("carol", T0), key("to carol"), 2)).as("per recipient")
                .isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(third, key("third"), 3)).as("a larger quota has room")
                .isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(message("bob", T0), key("fourth"), 1)).as("already over a smaller quota")
                .isEqualTo(EnqueueResult.FULL);
        mailbox.remove("bob", List.of(first.id()));
        assertThat(mailbox.enqueue(message("bob", T0.plusSeconds(3)), key("fourth"), 3))
                .as("the refused key was not remembered").isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.count("bob")).isEqualTo(3);
    }

    @Test
    void anAcceptedKeyIsADuplicateForAnyRecipientAndAlsoAfterDelivery() {
        MailboxMessage m = message("bob", T0);
        assertThat(mailbox.enqueue(m, key("sig"), QUOTA)).isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(message("bob", T0.plusSeconds(1)), key("sig"), QUOTA))
                .isEqualTo(EnqueueResult.DUPLICATE);
        assertThat(mailbox.enqueue(message("carol", T0.plusSeconds(1)), key("sig"), QUOTA))
                .isEqualTo(EnqueueResult.DUPLICATE);
        assertThat(mailbox.remove("bob", List.of(m.id()))).isEqualTo(1);
        assertThat(mailbox.enqueue(message("bob", T0.plusSeconds(2)), key("sig"), QUOTA)).as("after delivery")
                .isEqualTo(EnqueueResult.DUPLICATE);
        assertThat(mailbox.size()).isZero();
        assertThat(mailbox.enqueue(message("bob", T0.plusSeconds(2)), key("other sig"), QUOTA))
                .isEqualTo(EnqueueResult.STORED);
    }

    @Test
    void aDuplicateIsReportedBeforeAFullMailbox() {
        assertThat(mailbox.enqueue(message("bob", T0), key("sig"), 1)).isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(message("bob", T0), key("sig"), 1)).isEqualTo(EnqueueResult.DUPLICATE);
    }

    @Test
    void aReplayKeyLivesExactlyUntilItsMessageExpires() {
        MailboxMessage m = message("bob", T0);
        mailbox.enqueue(m, key("sig"), QUOTA);
        Instant end = m.expiresAt();
        assertThat(mailbox.enqueue(message("bob", end.minusMillis(1)), key("sig"), QUOTA))
                .isEqualTo(EnqueueResult.DUPLICATE);
        MailboxMessage again = message("bob", end);
        assertThat(mailbox.enqueue(again, key("sig"), QUOTA)).as("expired, though not purged yet")
                .isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(message("bob", end.plusSeconds(1)), key("sig"), QUOTA))
                .as("renewed until the new message expires").isEqualTo(EnqueueResult.DUPLICATE);
    }

    @Test
    void expireRemovesExactlyTheMessagesAndKeysPastTheirTimeAndCountsThem() {
        MailboxMessage shortLived = store(new MailboxMessage(newId(), "bob", "a", "1", null, T0, T0.plusSeconds(10)));
        MailboxMessage exact = store(new MailboxMessage(newId(), "carol", "a", "2", null, T0, T0.plusSeconds(20)));
        MailboxMessage longLived = store(new MailboxMessage(newId(), "bob", "a", "3", null, T0, T0.plusSeconds(30)));
        assertThat(mailbox.expire(T0.plusSeconds(5))).isZero();
        assertThat(mailbox.expire(T0.plusSeconds(20))).as("expiresAt <= now").isEqualTo(2);
        assertThat(mailbox.expire(T0.plusSeconds(20))).isZero();
        assertThat(mailbox.pending("bob", 10)).containsExactly(longLived);
        assertThat(mailbox.pending("carol", 10)).isEmpty();
        assertThat(mailbox.recipientsWithPending("", 10)).containsExactly("bob");
        assertThat(mailbox.size()).isEqualTo(1);
        // the purged keys are gone: a send claiming an earlier time is no longer caught by them
        MailboxMessage backdated = new MailboxMessage(newId(), "bob", "a", "4", null, T0.plusSeconds(1),
                T0.plusSeconds(60));
        assertThat(mailbox.enqueue(backdated, key("sig-" + shortLived.id()), QUOTA)).isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(message("x", T0.plusSeconds(1)), key("sig-" + exact.id()), QUOTA))
                .isEqualTo(EnqueueResult.STORED);
        assertThat(mailbox.enqueue(message("x", T0.plusSeconds(1)), key("sig-" + longLived.id()), QUOTA))
                .as("a live key stays").isEqualTo(EnqueueResult.DUPLICATE);
        assertThat(mailbox.expire(Instant.MAX)).as("any clock reading is accepted").isEqualTo(3);
        assertThat(mailbox.expire(Instant.MIN)).isZero();
    }

    @Test
    void removeTakesOnlyTheRecipientsOwnMessagesAndCountsEachOnce() {
        MailboxMessage a1 = store("alice", T0);
        MailboxMessage a2 = store("alice", T0.plusSeconds(1));
        MailboxMessage b1 = store("bob", T0);
        assertThat(mailbox.remove("bob", List.of(a1.id(), a2.id()))).as("bob acks alice's ids").isZero();
        assertThat(mailbox.count("alice")).isEqualTo(2);
        assertThat(mailbox.remove("alice", List.of(a1.id(), a1.id(), b1.id(), newId(), "not-an-id", "",
                a1.id().toUpperCase()))).isEqualTo(1);
        assertThat(mailbox.remove("alice", List.of(a1.id()))).as("already gone").isZero();
        assertThat(mailbox.remove("alice", List.of())).isZero();
        assertThat(mailbox.pending("alice", 10)).containsExactly(a2);
        assertThat(mailbox.pending("bob", 10)).containsExactly(b1);
        assertThat(mailbox.remove("alice", List.of(a2.id()))).isEqualTo(1);
        assertThat(mailbox.recipientsWithPending("", 10)).containsExactly("bob");
    }

    @Test
    void recipientsArePagedDistinctInCodePointOrder() {
        // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 unit: SQLite sorts by code point
        List<String> names = List.of("bob", "alice", "Zed", "\uFF21", "😀", "bob2", "a");
        for (String name : names) {
            store(name, T0);
            store(name, T0.plusSeconds(1));
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(StoreArgs.CODE_POINT_ORDER);
        assertThat(sorted.indexOf("\uFF21")).isLessThan(sorted.indexOf("😀"));
        assertThat(mailbox.recipientsWithPending("", 100)).containsExactlyElementsOf(sorted);
        List<String> paged = new ArrayList<>();
        List<String> page = mailbox.recipientsWithPending("", 3);
        while (!page.isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            paged.addAll(page);
            page = mailbox.recipientsWithPending(page.getLast(), 3);
        }
        assertThat(paged).containsExactlyElementsOf(sorted);
        assertThat(mailbox.size()).isEqualTo(2L * names.size());
    }

    @Test
    void aRepeatedMessageIdIsAnErrorThatChangesNothing() {
        MailboxMessage m = store("bob", T0);
        MailboxMessage sameId = new MailboxMessage(m.id(), "carol", "x", "y", null, T0, T0.plus(LIFE));
        assertThatThrownBy(() -> mailbox.enqueue(sameId, key("fresh"), QUOTA))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(mailbox.size()).isEqualTo(1);
        assertThat(mailbox.enqueue(message("carol", T0), key("fresh"), QUOTA)).as("key not remembered")
                .isEqualTo(EnqueueResult.STORED);
    }

    @Test
    void theCallersKeyArrayMayBeReused() {
        byte[] k = key("sig");
        mailbox.enqueue(message("bob", T0), k, QUOTA);
        Arrays.fill(k, (byte) 0);
        assertThat(mailbox.enqueue(message("bob", T0), key("sig"), QUOTA)).isEqualTo(EnqueueResult.DUPLICATE);
        assertThat(mailbox.enqueue(message("bob", T0), k, QUOTA)).isEqualTo(EnqueueResult.STORED);
    }

    @Test
    void unstorableNamesFindNothing() {
        store("bob", T0);
        for (String odd : List.of("", "\uD800", "x".repeat(StoreArgs.MAX_NAME_CHARS + 1))) {
            assertThat(mailbox.pending(odd, 10)).isEmpty();
            assertThat(mailbox.count(odd)).isZero();
            assertThat(mailbox.remove(odd, List.of(newId()))).isZero();
        }
    }

    @Test
    void argumentsAreValidated() {
        MailboxMessage m = message("bob", T0);
        assertThatThrownBy(() -> mailbox.enqueue(m, new byte[31], QUOTA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.enqueue(m, new byte[33], QUOTA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.enqueue(m, key("k"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.enqueue(m, key("k"), Mailbox.MAX_QUOTA + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.pending("bob", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.pending("bob", Mailbox.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.recipientsWithPending("", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.recipientsWithPending("\uDC00", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.remove("bob", Collections.nCopies(Mailbox.MAX_LIMIT + 1, newId())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailbox.enqueue(null, key("k"), 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.enqueue(m, null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.pending(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.remove(null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.remove("bob", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.remove("bob", Arrays.asList(newId(), null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.expire(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.recipientsWithPending(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> mailbox.count(null)).isInstanceOf(NullPointerException.class);
        assertThat(mailbox.size()).isZero();
    }

    @Test
    void closedMailboxThrowsStoreExceptionAndClosesTwice() {
        MailboxMessage m = store("bob", T0);
        mailbox.close();
        assertThatThrownBy(() -> mailbox.enqueue(message("bob", T0), key("k"), 1)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> mailbox.pending("bob", 1)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> mailbox.remove("bob", List.of(m.id()))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> mailbox.expire(T0)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> mailbox.recipientsWithPending("", 1)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> mailbox.size()).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> mailbox.count("bob")).isInstanceOf(StoreException.class);
        mailbox.close();
    }
}
