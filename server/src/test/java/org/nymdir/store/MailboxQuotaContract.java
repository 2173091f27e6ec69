package org.nymdir.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The byte quotas and the friends/strangers split of {@link Mailbox#enqueue(MailboxMessage, byte[], MailQuota,
 * Correspondence)}, the same for every implementation. "Alice wrote to bob" is whatever key the caller says it
 * is: here the names joined, hashed.
 */
public abstract class MailboxQuotaContract extends MailboxBasicsContract {

    private static final Instant UNTIL = T0.plus(LIFE.multipliedBy(10));

    private static Correspondence between(String sender, String recipient) {
        return new Correspondence(sha256(recipient + ">" + sender), sha256(sender + ">" + recipient), UNTIL);
    }

    private static MailboxMessage from(String sender, String recipient, int bodyBytes, Instant at) {
        return new MailboxMessage(newId(), recipient, sender, "\"" + "x".repeat(bodyBytes - 2) + "\"", null, at,
                at.plus(LIFE));
    }

    private EnqueueResult send(String sender, String recipient, int bodyBytes, MailQuota quota) {
        MailboxMessage m = from(sender, recipient, bodyBytes, T0);
        return mailbox.enqueue(m, key("sig-" + m.id()), quota, between(sender, recipient));
    }

    @Test
    void strangersFillOnlyTheirShareAndFriendsStillGetThrough() {
        MailQuota quota = new MailQuota(20, MailQuota.UNBOUNDED, 25, MailQuota.UNBOUNDED, MailQuota.UNBOUNDED);
        assertThat(send("alice", "bob", 100, quota)).as("alice writes to bob first").isEqualTo(EnqueueResult.STORED);
        int strangers = 0;
        for (int puppet = 0; puppet < 30; puppet++) {
            if (send("puppet" + puppet, "alice", 100, quota) == EnqueueResult.STORED) {
                strangers++;
            }
        }
        assertThat(strangers).as("25 % of 20 messages").isEqualTo(5);
        assertThat(send("puppet99", "alice", 100, quota)).isEqualTo(EnqueueResult.FULL);
        for (int i = 0; i < 15; i++) {
            assertThat(send("bob", "alice", 100, quota)).as("bob, whom alice wrote to, message %d", i)
                    .isEqualTo(EnqueueResult.STORED);
        }
        assertThat(send("bob", "alice", 100, quota)).as("the whole quota is full now").isEqualTo(EnqueueResult.FULL);
        assertThat(mailbox.count("alice")).isEqualTo(20);
    }

    @Test
    void strangersShareOfTheBytesQuota() {
        long per = from("puppet0", "alice", 1000, T0).storedBytes(); // bob's messages are 2 bytes smaller
        MailQuota quota = new MailQuota(1000, per * 8, 50, MailQuota.UNBOUNDED, MailQuota.UNBOUNDED);
        send("alice", "bob", 10, quota);
        int stored = 0;
        while (send("puppet" + stored, "alice", 1000, quota) == EnqueueResult.STORED) {
            stored++;
        }
        assertThat(stored).as("half of 8 messages' bytes").isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(send("bob", "alice", 1000, quota)).isEqualTo(EnqueueResult.STORED);
        }
        assertThat(send("bob", "alice", 1000, quota)).isEqualTo(EnqueueResult.FULL);
    }

    @Test
    void aSenderHasAByteQuotaOverAllMailboxes() {
        long per = from("mallory", "r1", 1000, T0).storedBytes();
        MailQuota quota = new MailQuota(1000, MailQuota.UNBOUNDED, 100, per * 3, MailQuota.UNBOUNDED);
        assertThat(send("mallory", "r1", 1000, quota)).isEqualTo(EnqueueResult.STORED);
        assertThat(send("mallory", "r2", 1000, quota)).isEqualTo(EnqueueResult.STORED);
        assertThat(send("mallory", "r3", 1000, quota)).isEqualTo(EnqueueResult.STORED);
        assertThat(send("mallory", "r4", 1000, quota)).isEqualTo(EnqueueResult.SENDER_FULL);
        assertThat(send("alice", "r4", 1000, quota)).as("others are not charged").isEqualTo(EnqueueResult.STORED);
        String first = mailbox.pending("r1", 1).getFirst().id();
        mailbox.remove("r1", List.of(first));
        assertThat(send("mallory", "r4", 1000, quota)).as("delivery frees the sender's quota")
                .isEqualTo(EnqueueResult.STORED);
    }

    @Test
    void theWholeMailboxHasACap() {
        long per = from("s0", "r0", 1000, T0).storedBytes();
        MailQuota quota = new MailQuota(1000, MailQuota.UNBOUNDED, 100, MailQuota.UNBOUNDED, per * 5);
        for (int i = 0; i < 5; i++) {
            assertThat(send("s" + i, "r" + i, 1000, quota)).isEqualTo(EnqueueResult.STORED);
        }
        assertThat(send("s9", "r9", 1000, quota)).isEqualTo(EnqueueResult.STORAGE_FULL);
        assertThat(mailbox.storedBytes()).isEqualTo(per * 5);
        assertThat(mailbox.expire(T0.plus(LIFE))).isEqualTo(5);
        assertThat(mailbox.storedBytes()).as("expiry frees the cap").isZero();
        assertThat(send("s9", "r9", 1000, quota)).isEqualTo(EnqueueResult.STORED);
    }

    @Test
    void pastHalfTheCapTheBiggestSendersAreRefusedFirst() {
        long per = from("m0", "x0", 1000, T0).storedBytes();
        MailQuota quota = new MailQuota(1000, MailQuota.UNBOUNDED, 100, per * 40, per * 100);
        int[] held = new int[5];
        for (int a = 0; a < held.length; a++) { // five accounts, each writing to its own accomplice
            while (send("m" + a, "x" + a, 1000, quota) == EnqueueResult.STORED) {
                held[a]++;
            }
        }
        assertThat(held[0]).as("below half the cap, the whole sender quota").isEqualTo(40);
        assertThat(held[1]).as("past half, less").isBetween(1, 39);
        assertThat(held).as("each later account gets less room").isSortedAccordingTo((x, y) -> y - x);
        assertThat(mailbox.storedBytes()).as("five accounts do not fill the cap").isLessThanOrEqualTo(per * 94);
        assertThat(send("m0", "x9", 1000, quota)).as("the biggest sender, to anyone")
                .isEqualTo(EnqueueResult.SENDER_FULL);
        assertThat(send("alice", "bob", 1000, quota)).as("a sender with nothing waiting still gets through")
                .isEqualTo(EnqueueResult.STORED);
    }

    @Test
    void aRefusedSendRemembersNothingAndCountsNothing() {
        MailQuota quota = new MailQuota(1, MailQuota.UNBOUNDED, 100, MailQuota.UNBOUNDED, MailQuota.UNBOUNDED);
        assertThat(send("carol", "bob", 10, quota)).isEqualTo(EnqueueResult.STORED);
        assertThat(send("alice", "bob", 10, quota)).isEqualTo(EnqueueResult.FULL);
        MailQuota strangersOnlyOne = new MailQuota(4, MailQuota.UNBOUNDED, 25, MailQuota.UNBOUNDED,
                MailQuota.UNBOUNDED);
        assertThat(send("x", "alice", 10, strangersOnlyOne)).isEqualTo(EnqueueResult.STORED);
        assertThat(send("bob", "alice", 10, strangersOnlyOne))
                .as("alice's refused send to bob did not make bob her correspondent").isEqualTo(EnqueueResult.FULL);
    }

    @Test
    void correspondenceIsForgottenWhenItExpires() {
        MailQuota quota = new MailQuota(4, MailQuota.UNBOUNDED, 25, MailQuota.UNBOUNDED, MailQuota.UNBOUNDED);
        send("alice", "bob", 10, quota);
        mailbox.expire(UNTIL);
        MailboxMessage stranger = from("x", "alice", 10, UNTIL);
        assertThat(mailbox.enqueue(stranger, key(stranger.id()), quota, between("x", "alice")))
                .isEqualTo(EnqueueResult.STORED);
        MailboxMessage bob = from("bob", "alice", 10, UNTIL);
        assertThat(mailbox.enqueue(bob, key(bob.id()), quota, between("bob", "alice")))
                .as("bob counts as a stranger again").isEqualTo(EnqueueResult.FULL);
    }
}
