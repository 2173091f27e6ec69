package org.nymdir.store;

import java.util.Optional;

/**
 * How much one enqueue may find already waiting, checked in the enqueue's own transaction. Every bound is
 * inclusive of the new message: it is stored only if afterwards every count stays within its bound.
 *
 * <p>Friends and strangers: a sender the recipient has written to (see {@link Correspondence}) may fill the
 * recipient's whole quota; everyone else shares {@code strangerPercent} of it. So a crowd of strangers (free
 * puppet accounts) can fill at most that share, and the rest stays free for the people the user talks to.
 *
 * <p>Under pressure: once the whole mailbox is more than half full, a sender's byte quota shrinks with the
 * room left (the full quota at half, nothing at the cap). Without this, a few dozen pairs of accounts that
 * write to each other (each pair a "friend", so neither the strangers' share nor the recipient quota holds
 * them back) would fill the cap with their full sender quotas and every user's new mail would be refused
 * until it expired. With it, the senders who hold the most are refused first, while a user with a few
 * messages waiting can still write until the mailbox is all but full; an attacker needs ever more accounts,
 * each paid for in proof of work or the node's registration budget, for ever less room.
 *
 * @param recipientMessages messages one recipient may have waiting, 1..{@value Mailbox#MAX_QUOTA}
 * @param recipientBytes    bytes ({@link MailboxMessage#storedBytes()}) one recipient may have waiting
 * @param strangerPercent   1..100: the share of both recipient quotas that strangers fill together
 * @param senderBytes       bytes one sender may have waiting in all mailboxes together
 * @param totalBytes        bytes the whole mailbox may hold (every recipient together)
 */
public record MailQuota(int recipientMessages, long recipientBytes, int strangerPercent, long senderBytes,
                        long totalBytes) {

    /** No byte bound: the largest value a bound may take. */
    public static final long UNBOUNDED = Long.MAX_VALUE / 4;

    public MailQuota {
        StoreArgs.requireInRange(recipientMessages, 1, Mailbox.MAX_QUOTA, "recipientMessages");
        StoreArgs.requireInRange(strangerPercent, 1, 100, "strangerPercent");
        requireBytes(recipientBytes, "recipientBytes");
        requireBytes(senderBytes, "senderBytes");
        requireBytes(totalBytes, "totalBytes");
    }

    /** Only a message count per recipient, everyone treated alike: the quota of the first mailbox. */
    public static MailQuota messagesOnly(int recipientMessages) {
        return new MailQuota(recipientMessages, UNBOUNDED, 100, UNBOUNDED, UNBOUNDED);
    }

    /**
     * The refusal a message of {@code bytes} meets, or empty if it may be stored. The checks run cheapest and
     * widest first: the cap, the sender, the recipient, and for a stranger the strangers' share.
     */
    public <E extends Exception> Optional<EnqueueResult> refusal(MailUsage<E> usage, long bytes, boolean stranger)
            throws E {
        long total = usage.totalBytes();
        if (total + bytes > totalBytes) {
            return Optional.of(EnqueueResult.STORAGE_FULL);
        }
        if (usage.senderBytes() + bytes > senderBytesWhile(total)) {
            return Optional.of(EnqueueResult.SENDER_FULL);
        }
        MailUsage.Held recipient = usage.recipient();
        if (recipient.messages() + 1 > recipientMessages || recipient.bytes() + bytes > recipientBytes) {
            return Optional.of(EnqueueResult.FULL);
        }
        if (stranger) {
            MailUsage.Held strangers = usage.strangers();
            if (strangers.messages() + 1 > strangerMessages() || strangers.bytes() + bytes > strangerBytes()) {
                return Optional.of(EnqueueResult.FULL);
            }
        }
        return Optional.empty();
    }

    /**
     * The bytes one sender may have waiting, new message included, while the whole mailbox holds {@code total}
     * before it: the sender quota up to half the cap, then in proportion to the room left, down to 0 at the cap.
     */
    public long senderBytesWhile(long total) {
        long half = totalBytes / 2;
        if (total <= half) {
            return senderBytes;
        }
        double roomLeft = (double) Math.max(0, totalBytes - total) / (totalBytes - half);
        return (long) (senderBytes * roomLeft);
    }

    /** Messages strangers may have waiting for one recipient together (at least 1). */
    public int strangerMessages() {
        return (int) Math.max(1, (long) recipientMessages * strangerPercent / 100);
    }

    /** Bytes strangers may have waiting for one recipient together. */
    public long strangerBytes() {
        return Math.max(1, recipientBytes / 100 * strangerPercent + recipientBytes % 100 * strangerPercent / 100);
    }

    private static void requireBytes(long value, String name) {
        if (value < 1 || value > UNBOUNDED) {
            throw new IllegalArgumentException(name + " must be 1.." + UNBOUNDED + ", got " + value);
        }
    }
}
