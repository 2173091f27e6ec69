package org.nymdir.store;

/** What {@link Mailbox#enqueue} did with a message. Every refusal changes nothing. */
public enum EnqueueResult {
    /** Committed: the message waits for delivery and its replay key is remembered until it expires. */
    STORED,
    /** Refused: the replay key was accepted before and has not expired. */
    DUPLICATE,
    /**
     * Refused: the recipient already holds its quota of messages or bytes, or, for a sender the recipient has
     * not written to, strangers already fill their share of it.
     */
    FULL,
    /** Refused: the sender already has its quota of bytes waiting in mailboxes. */
    SENDER_FULL,
    /** Refused: the whole mailbox holds its cap of bytes, or the disk is at its free-space floor or full. */
    STORAGE_FULL
}
