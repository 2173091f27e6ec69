package org.nymdir.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The user directory: {@code username -> (public key, sender tag)}. Every method returns only after its
 * write is committed and durable, so a caller may report success right after. Failures of the backing store
 * surface as {@link StoreException}, never as {@code SQLException}.
 *
 * <p>Arguments: {@code null} is refused with {@link NullPointerException}. Any other string may be passed,
 * of any length; strings that are not well-formed Unicode (a lone surrogate) are refused on writes with
 * {@link IllegalArgumentException} and never found by lookups (see {@link StoreArgs}). Length and shape
 * limits are the directory's business, not the store's. Usernames compare exactly (case-sensitive), as in
 * the original's {@code TEXT PRIMARY KEY}, for lookups; a new name is refused when it looks like one that is
 * there ({@link org.nymdir.vocabulary.LookAlikes}), while look-alikes already stored (by the original) stay.
 *
 * <p>An account's life: {@link #replaceKey} (rotation), {@link #deleteAccount} (which holds the name back for a
 * quarantine), {@link #releaseHolds}, and {@link #unusedSince} for the expiry of names nobody uses. The store
 * never reads a clock: instants come from the caller.
 *
 * <p>Implementations are safe for many concurrent callers. After {@link #close()} every method throws
 * {@link StoreException}; {@code close} itself may be called again.
 */
public interface UserStore extends AutoCloseable {

    Optional<UserRecord> findUser(String username);

    /**
     * Inserts a new user; {@code false} (and no change) when the username, a look-alike of it, or a name held
     * in quarantine is there ({@link #isTaken}), also when another registration raced us to it.
     */
    boolean insertUser(UserRecord user);

    /** Whether {@link #insertUser} would refuse the name now: it, a look-alike, or a held name is there. */
    boolean isTaken(String username);

    /** Replaces the user's key if it is still {@code oldKeyPem} (compare and set); {@code false} otherwise. */
    boolean replaceKey(String username, String oldKeyPem, String newKeyPem);

    /**
     * Deletes the user's account and holds the name (and with it every look-alike) back from registration
     * until {@code heldUntil}; {@code false} when there is no such user. The user's waiting mail is the
     * mailbox's: the caller removes it ({@code directory.AccountLife}).
     */
    boolean deleteAccount(String username, Instant heldUntil);

    /** Frees up to {@code limit} names whose hold ended by {@code now}; returns how many. */
    int releaseHolds(Instant now, int limit);

    /**
     * Up to {@code limit} users last seen before {@code cutoff} (their presence); users never seen by nymdir
     * (rows of the original, before their first login here) are not listed: nobody knows when they were.
     */
    List<String> unusedSince(Instant cutoff, int limit);

    /** Points the user's sender tag at their newest one; {@code false} when there is no such user. */
    boolean updateSenderTag(String username, String senderTag);

    /** Number of registered users. */
    long countUsers();

    @Override
    void close();
}
