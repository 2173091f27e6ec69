package org.nymdir.store;

/**
 * How much one enqueue may find already waiting, checked in the enqueue's own transaction. Every bound is
 * inclusive of the new message: it is stored only if afterwards every count stays within its bound.
 *
 * <p>Friends and strangers: a sender the recipient has written to (see {@link Correspondence}) may fill the
 * recipient's whole quota; everyone else shares {@code strangerPercent} of it. So a crowd of strangers (free
 * puppet accounts) can fill at most that share, and the rest stays free for the people the user talks to.
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
