package org.nymdir.store;

/**
 * What the mailbox already holds, as one enqueue reads it inside its own transaction: each store answers from
 * its own bookkeeping (running totals in SQLite and PostgreSQL, sums in memory), and {@link MailQuota#refusal}
 * decides. The reads are lazy and made in the order of the checks, so a refused message reads no more than
 * its refusal needs.
 *
 * @param <E> what the store's reads throw ({@link java.sql.SQLException} for the databases)
 */
public interface MailUsage<E extends Exception> {

    /** Messages and bytes waiting for one owner. */
    record Held(long messages, long bytes) {
        public static final Held NONE = new Held(0, 0);
    }

    /** Bytes waiting in the whole mailbox, every recipient together. */
    long totalBytes() throws E;

    /** Bytes the message's sender has waiting in all mailboxes together. */
    long senderBytes() throws E;

    /** What waits for the message's recipient. */
    Held recipient() throws E;

    /** What strangers (senders the recipient has not written to) have waiting for the recipient together. */
    Held strangers() throws E;
}
