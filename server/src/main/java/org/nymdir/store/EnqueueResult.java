package org.nymdir.store;

/** What {@link Mailbox#enqueue} did with a message. */
public enum EnqueueResult {
    /** Committed: the message waits for delivery and its replay key is remembered until it expires. */
    STORED,
    /** Refused, nothing changed: the replay key was accepted before and has not expired. */
    DUPLICATE,
    /** Refused, nothing changed: the recipient already holds its quota of messages. */
    FULL
}
