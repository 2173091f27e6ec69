package org.nymdir.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.nymdir.store.Presence;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;

/**
 * {@link Presence} in PostgreSQL's {@code presence} table, shared by every node. As on SQLite, each write
 * first reads whether it would change anything worth a commit, and the write itself is monotonic
 * ({@code greatest(last_seen, new)}), so racing touches from two nodes both land and the newer time wins.
 */
public final class PostgresPresence implements Presence {

    private static final String FIND = "SELECT last_seen, acking FROM presence WHERE name_key = sha256(?)";
    private static final String TOUCH = "INSERT INTO presence (username, last_seen) VALUES (?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET last_seen = greatest(presence.last_seen, excluded.last_seen)";
    private static final String SET_ACKING = "INSERT INTO presence (username, acking) VALUES (?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET acking = excluded.acking";

    private record Row(Long lastSeen, boolean acking) {
    }

    private final PostgresDatabase db;
    private final long granularityMillis;
    private volatile boolean closed;

    public PostgresPresence(PostgresDatabase db) {
        this(db, DEFAULT_GRANULARITY);
    }

    /** Presence on a shared database; {@code granularity} 0..1 h. Closing it leaves the database open. */
    public PostgresPresence(PostgresDatabase db, Duration granularity) {
        this.db = Objects.requireNonNull(db, "db");
        this.granularityMillis = StoreArgs.requireGranularityMillis(granularity);
    }

    @Override
    public void touch(String username, Instant seenAt) {
        StoreArgs.requireName(username, "username");
        long seen = StoreArgs.requireStorable(seenAt, "seenAt").toEpochMilli();
        ensureOpen();
        Row row = find(username);
        if (row != null && row.lastSeen() != null && seen - row.lastSeen() < Math.max(1, granularityMillis)) {
            return; // too small a step forward, or a step back: nothing worth a commit
        }
        db.write(c -> {
            try (PreparedStatement touch = c.prepareStatement(TOUCH)) {
                touch.setBytes(1, Utf8.bytes(username));
                touch.setLong(2, seen);
                return touch.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Instant> lastSeen(String username) {
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
    public void setAcking(String username, boolean acking) {
        StoreArgs.requireName(username, "username");
        ensureOpen();
        Row row = find(username);
        if (row == null ? !acking : row.acking() == acking) {
            return; // unknown users are not acking: no row needed to say so
        }
        db.write(c -> {
            try (PreparedStatement set = c.prepareStatement(SET_ACKING)) {
                set.setBytes(1, Utf8.bytes(username));
                set.setBoolean(2, acking);
                return set.executeUpdate();
            }
        });
    }

    @Override
    public boolean isAcking(String username) {
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
    public void close() {
        closed = true;
    }

    private Row find(String username) {
        return db.read(c -> {
            try (PreparedStatement find = c.prepareStatement(FIND)) {
                find.setBytes(1, Utf8.bytes(username));
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    long lastSeen = rs.getLong(1);
                    return new Row(rs.wasNull() ? null : lastSeen, rs.getBoolean(2));
                }
            }
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("presence store is closed", null);
        }
    }
}
