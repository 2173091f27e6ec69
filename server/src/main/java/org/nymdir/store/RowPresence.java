package org.nymdir.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy every {@link Presence} kept in a database table shares, whatever its SQL: argument checks, and
 * skipping a write that would change nothing worth a commit (a touch within the granularity of the stored
 * {@code lastSeen}, or an acking flag already set costs one indexed read and no transaction). The check and
 * the write are not one step, so a subclass's touch must be monotonic in the database itself (the newer
 * time wins whichever write lands last). Subclasses supply the row's read and the two writes.
 */
public abstract class RowPresence implements Presence {
    /** One stored row: {@code lastSeen} in epoch milliseconds, null when only the acking flag was set. */
    public record Row(Long lastSeen, boolean acking) {
    }

    private final long granularityMillis;
    private volatile boolean closed;

    /** {@code granularity} 0..1 h. */
    protected RowPresence(Duration granularity) {
        this.granularityMillis = StoreArgs.requireGranularityMillis(granularity);
    }

    /** The row of a well-formed {@code username}, or null when there is none. */
    protected abstract Row find(String username);

    /** Stores {@code seenMillis} unless the stored time is newer. */
    protected abstract void writeTouch(String username, long seenMillis);

    /** Stores the acking flag, creating the row if needed. */
    protected abstract void writeAcking(String username, boolean acking);

    @Override
    public final void touch(String username, Instant seenAt) {
        StoreArgs.requireName(username, "username");
        long seen = StoreArgs.requireStorable(seenAt, "seenAt").toEpochMilli();
        ensureOpen();
        Row row = find(username);
        if (row != null && row.lastSeen() != null && seen - row.lastSeen() < Math.max(1, granularityMillis)) {
            return; // too small a step forward, or a step back: nothing worth a commit
        }
        writeTouch(username, seen);
    }

    @Override
    public final Optional<Instant> lastSeen(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        if (!StoreArgs.isName(username)) {
            return Optional.empty();
        }
        Row row = find(username);
        return row == null || row.lastSeen() == null ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(row.lastSeen()));
    }

    @Override
    public final void setAcking(String username, boolean acking) {
        StoreArgs.requireName(username, "username");
        ensureOpen();
        Row row = find(username);
        if (row == null ? !acking : row.acking() == acking) {
            return; // unknown users are not acking: no row needed to say so
        }
        writeAcking(username, acking);
    }

    @Override
    public final boolean isAcking(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        if (!StoreArgs.isName(username)) {
            return false;
        }
        Row row = find(username);
        return row != null && row.acking();
    }

    /** Marks presence closed; the shared database stays open for its owner to close. */
    @Override
    public final void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("presence store is closed", null);
        }
    }
}
