package org.nymdir.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What an operator does to a store that no request does ({@code nymdir admin}): block, unblock and delete
 * users, totals of the mailbox, the nodes on a shared database, a consistent backup, and the cheap query that
 * tells whether the store answers at all. Implemented for SQLite and PostgreSQL on the database their other
 * stores use; safe for concurrent callers. Names that could never be stored find nothing and change nothing.
 */
public interface StoreAdmin {

    /** {@code sqlite} or {@code postgresql}. */
    String kind();

    /** Where the data is, for the operator: the file, or the URL without its password. */
    String location();

    /** A trivial query: returns when the store answers, throws {@link StoreException} when it does not. */
    void ping();

    /** Every blocked username. */
    Set<String> blocked();

    /** Blocks {@code username} from {@code at}; false when it already was. Committed when this returns. */
    boolean block(String username, Instant at);

    /** Lifts the block on {@code username}; false when it was not blocked. */
    boolean unblock(String username);

    /**
     * Deletes a user, in one transaction: the user, the mail waiting for them, their presence and block; the
     * name (and with it every look-alike) is held back from registration until {@code nameHeldUntil}, as after
     * the user's own account deletion, so nobody claims it at once and poses as the old owner to contacts.
     * Mail they sent to others stays with its recipients.
     *
     * @return the number of waiting messages deleted with the user; empty when there was no such user
     */
    OptionalInt deleteUser(String username, Instant nameHeldUntil);

    /**
     * Messages in the mailbox and their stored bytes ({@link MailboxMessage#storedBytes()}, the bytes the quotas
     * and the cap count), from the mailbox's running totals: one row, whatever the mailbox holds.
     */
    MailboxTotals mailboxTotals();

    /** The nodes that ran on this database and their heartbeats; empty when the store has one node only. */
    List<Node> nodes();

    /** A consistent copy into the new file {@code to} while the store is in use, or why not and what instead. */
    Backup backup(Path to);

    /** See {@link #mailboxTotals()}. */
    record MailboxTotals(long messages, long bytes) {
    }

    /** One node of a shared database; {@code stoppedAt} null while it runs (or after a crash). */
    record Node(String id, String nymAddress, Instant startedAt, Instant heartbeatAt, Instant stoppedAt) {
    }

    /** The outcome of {@link #backup}. */
    sealed interface Backup {
        /** The copy is complete in {@code file}. */
        record Written(Path file) implements Backup {
        }

        /** This store makes no file copies; {@code instead} says how to back it up. */
        record NotHere(String instead) implements Backup {
        }
    }
}
