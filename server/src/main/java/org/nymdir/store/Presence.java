package org.nymdir.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per user, what the directory needs to decide whether and how to deliver: when the user's current sender
 * tag was last seen (reply SURBs behind a tag expire, so an old tag is treated as unreachable), and whether
 * the user is an "acking client" (once sent an {@code ack}, so delivered messages stay until acked).
 *
 * <p>Cheap writes: a user is touched on every signed request, and a commit costs an fsync. So
 * {@link #touch} skips the write when it would move {@code lastSeen} forward by less than the store's
 * granularity (1 s by default); {@code lastSeen} may therefore lag the true last sighting by up to that
 * much, which errs on the side of calling a tag stale. {@code lastSeen} never moves backwards: touches from
 * concurrent requests may arrive out of order, and an older one must not undo a newer one. Instants are
 * kept to the millisecond.
 *
 * <p>Writes that change something return only after commit. Arguments: {@code null} is refused with
 * {@link NullPointerException}; a username that could never be stored (empty, longer than
 * {@value MailboxMessage#MAX_NAME_CHARS}, malformed Unicode) is refused on writes with
 * {@link IllegalArgumentException} and unknown to reads. Safe for concurrent callers; after
 * {@link #close()} every method throws {@link StoreException}.
 */
public interface Presence extends AutoCloseable {

    /** Default granularity of {@link #touch}. */
    Duration DEFAULT_GRANULARITY = Duration.ofSeconds(1);

    /** Records that the user's current tag was seen at {@code seenAt} (subject to the granularity). */
    void touch(String username, Instant seenAt);

    /** When the user's current tag was last seen; empty if never. */
    Optional<Instant> lastSeen(String username);

    /** Marks the user as an acking client or not. */
    void setAcking(String username, boolean acking);

    /** Whether the user is an acking client; {@code false} for unknown users. */
    boolean isAcking(String username);

    @Override
    void close();
}
