package org.nymdir.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Durable relay: accepted messages wait here until delivered or expired, and the replay keys of accepted
 * sends are remembered for as long as their message could live.
 *
 * <p>Every write ({@link #enqueue}, {@link #remove}, {@link #expire}) returns only after it is committed, so
 * the directory may answer "success" right after {@code enqueue} said {@link EnqueueResult#STORED}, and a
 * message it removed on delivery cannot come back after a crash. Reads see every write whose call returned.
 * Failures of the backing store surface as {@link StoreException}.
 *
 * <p>Time: the store never reads a clock. A message is live while {@code now < expiresAt}; replay keys
 * likewise. {@code enqueue} takes the message's {@code acceptedAt} as its "now"; expired messages stay (and
 * count against the quota, and are listed) until {@link #expire} removes them, which the directory calls
 * periodically. Order is acceptance order ({@code acceptedAt}), ties broken by order of insertion.
 *
 * <p>Arguments: {@code null} is refused with {@link NullPointerException}, out-of-range numbers and absurd
 * messages with {@link IllegalArgumentException} (see {@link MailboxMessage}). Names that could never have
 * been stored (empty, too long, malformed Unicode) and ids of the wrong shape simply find nothing. The
 * mailbox does not consult the user store: whether a recipient exists is the directory's business.
 *
 * <p>Implementations are safe for many concurrent callers; each write is atomic. After {@link #close()}
 * every method throws {@link StoreException}; {@code close} may be called again.
 */
public interface Mailbox extends AutoCloseable {

    /**
     * Length of a replay key: a SHA-256 digest. The directory digests the sender's name and the content, not the
     * signature: ECDSA signatures are malleable ((r, s) and (r, n - s) both verify), so a key over the signature
     * would let a replayer pass by flipping {@code s}.
     */
    int REPLAY_KEY_BYTES = 32;
    /** Largest quota a caller may ask for. */
    int MAX_QUOTA = 1_000_000;
    /** Largest {@code limit} of a listing and largest id collection of one {@link #remove}. */
    int MAX_LIMIT = 10_000;

    /**
     * In one transaction: if {@code replayKey} is remembered and live at {@code m.acceptedAt()},
     * {@link EnqueueResult#DUPLICATE}; else if {@code m.recipient()} already holds {@code recipientQuota}
     * messages, {@link EnqueueResult#FULL}; else stores the message and remembers the key until
     * {@code m.expiresAt()} (also after the message is removed), {@link EnqueueResult#STORED}. A refused
     * enqueue changes nothing, so the same key may be tried again once there is room.
     *
     * @param replayKey      exactly {@value #REPLAY_KEY_BYTES} bytes
     * @param recipientQuota 1..{@value #MAX_QUOTA}
     * @throws IllegalArgumentException also when {@code m.id()} is already in the mailbox (the caller's ids
     *                                  are random; a repeat is a bug, not a duplicate send)
     */
    default EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, int recipientQuota) {
        return enqueue(m, replayKey, MailQuota.messagesOnly(recipientQuota), null);
    }

    /**
     * As {@link #enqueue(MailboxMessage, byte[], int)} with every bound of {@code quota}, in this order after
     * the replay check: the whole mailbox's bytes ({@link EnqueueResult#STORAGE_FULL}), the sender's bytes
     * ({@link EnqueueResult#SENDER_FULL}), the recipient's messages and bytes, and for a stranger the
     * strangers' share of both ({@link EnqueueResult#FULL}). A store on a local disk also answers
     * {@code STORAGE_FULL} when the disk is at its free-space floor or the write failed for want of space.
     *
     * @param correspondence who wrote to whom; {@code null}: every sender counts as a friend and nothing is
     *                       remembered
     */
    EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, MailQuota quota, Correspondence correspondence);

    /** Bytes ({@link MailboxMessage#storedBytes()}) of the messages waiting, every recipient together. */
    long storedBytes();

    /** Up to {@code limit} (1..{@value #MAX_LIMIT}) of the recipient's messages, oldest first. */
    List<MailboxMessage> pending(String recipient, int limit);

    /**
     * As {@link #pending(String, int)}, but bounded in bytes too: the listing ends with the message that
     * brings the heap of those listed ({@link MailboxMessage#heapBytes()}) to {@code maxBytes} (positive) or
     * more, so it holds at least one message when any waits, however large. A store that reads row by row
     * stops reading there; this default, for stores that hold their messages in memory anyway, cuts the
     * unbounded listing.
     */
    default List<MailboxMessage> pending(String recipient, int limit, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        List<MailboxMessage> all = pending(recipient, limit);
        long bytes = 0;
        for (int i = 0; i < all.size(); i++) {
            bytes += all.get(i).heapBytes();
            if (bytes >= maxBytes) {
                return all.subList(0, i + 1);
            }
        }
        return all;
    }

    /**
     * Removes those of {@code ids} (at most {@value #MAX_LIMIT}) that are messages of {@code recipient}, and
     * returns how many it removed: an ack by bob cannot delete alice's mail. Unknown ids are ignored.
     */
    int remove(String recipient, Collection<String> ids);

    /**
     * Removes every message, replay key and correspondence key with {@code expiresAt <= now}; returns the number
     * of messages.
     */
    int expire(Instant now);

    /**
     * Up to {@code limit} (1..{@value #MAX_LIMIT}) distinct recipients holding messages, in code point order,
     * starting after {@code after} ({@code ""} for the first page): to send everything again after a
     * restart, page with the last name of the previous page. A malformed {@code after} (lone surrogate) is
     * refused with {@link IllegalArgumentException}: SQLite could not compare it faithfully.
     */
    List<String> recipientsWithPending(String after, int limit);

    /** Number of messages in the mailbox. */
    long size();

    /** Number of messages waiting for {@code recipient}. */
    int count(String recipient);

    @Override
    void close();
}
