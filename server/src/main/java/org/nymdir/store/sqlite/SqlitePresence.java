package org.nymdir.store.sqlite;

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
 * {@link Presence} in the {@code presence} table of migration V2 (one row per username; not a column of the
 * original's {@code users}, which it reads by position).
 *
 * <p>Every write first asks a reader whether it would change anything worth an fsync: a touch within the
 * granularity of the stored {@code lastSeen}, or an acking flag already set, costs one indexed read and no
 * transaction. The check and the write are not one step, so the write itself is monotonic
 * ({@code max(lastSeen, new)}): two racing touches both land and the newer time wins.
 */
public final class SqlitePresence implements Presence {

    private static final String FIND = "SELECT lastSeen, acking FROM presence WHERE username = ?";
    private static final String TOUCH = "INSERT INTO presence (username, lastSeen) VALUES (?, ?)"
            + " ON CONFLICT (username) DO UPDATE SET lastSeen = max(coalesce(lastSeen, excluded.lastSeen),"
            + " excluded.lastSeen)";
    private static final String SET_ACKING = "INSERT INTO presence (username, acking) VALUES (?, ?)"
            + " ON CONFLICT (username) DO UPDATE SET acking = excluded.acking";

    private record Row(Long lastSeen, boolean acking) {
    }

    private final SqliteDatabase db;
    private final long granularityMillis;
    private volatile boolean closed;

    /** Presence on a shared database with the {@link Presence#DEFAULT_GRANULARITY default granularity}. */
    public SqlitePresence(SqliteDatabase db) {
        this(db, DEFAULT_GRANULARITY);
    }

    /** Presence on a shared database; {@code granularity} 0..1 h. Closing it leaves the database open. */
    public SqlitePresence(SqliteDatabase db, Duration granularity) {
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
            PreparedStatement touch = c.prepare(TOUCH);
            touch.setString(1, username);
            touch.setLong(2, seen);
            return touch.executeUpdate();
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
            PreparedStatement set = c.prepare(SET_ACKING);
            set.setString(1, username);
            set.setInt(2, acking ? 1 : 0);
            return set.executeUpdate();
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
            PreparedStatement find = c.prepare(FIND);
            find.setString(1, username);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long lastSeen = rs.getLong(1);
                return new Row(rs.wasNull() ? null : lastSeen, rs.getInt(2) == 1);
            }
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("presence store is closed", null);
        }
    }
}
