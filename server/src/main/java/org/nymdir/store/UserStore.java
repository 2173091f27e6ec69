package org.nymdir.store;

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
 * the original's {@code TEXT PRIMARY KEY}.
 *
 * <p>Implementations are safe for many concurrent callers. After {@link #close()} every method throws
 * {@link StoreException}; {@code close} itself may be called again.
 */
public interface UserStore extends AutoCloseable {

    Optional<UserRecord> findUser(String username);

    /** Inserts a new user; {@code false} (and no change) when the username is already taken. */
    boolean insertUser(UserRecord user);

    /** Points the user's sender tag at their newest one; {@code false} when there is no such user. */
    boolean updateSenderTag(String username, String senderTag);

    /** Number of registered users. */
    long countUsers();

    @Override
    void close();
}
