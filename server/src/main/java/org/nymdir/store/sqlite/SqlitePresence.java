package org.nymdir.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Objects;
import org.nymdir.store.Presence;
import org.nymdir.store.RowPresence;

/**
 * {@link Presence} in the {@code presence} table of migration V2 (one row per username; not a column of the
 * original's {@code users}, which it reads by position).
 *
 * <p>{@link RowPresence} skips writes that would change nothing worth an fsync; the touch itself is monotonic
 * ({@code max(lastSeen, new)}), so two racing touches both land and the newer time wins.
 */
public final class SqlitePresence extends RowPresence {

    private static final String FIND = "SELECT lastSeen, acking FROM presence WHERE username = ?";
    private static final String TOUCH = "INSERT INTO presence (username, lastSeen) VALUES (?, ?)"
            + " ON CONFLICT (username) DO UPDATE SET lastSeen = max(coalesce(lastSeen, excluded.lastSeen),"
            + " excluded.lastSeen)";
    private static final String SET_ACKING = "INSERT INTO presence (username, acking) VALUES (?, ?)"
            + " ON CONFLICT (username) DO UPDATE SET acking = excluded.acking";

    private final SqliteDatabase db;

    /** Presence on a shared database with the {@link Presence#DEFAULT_GRANULARITY default granularity}. */
    public SqlitePresence(SqliteDatabase db) {
        this(db, DEFAULT_GRANULARITY);
    }

    /** Presence on a shared database; {@code granularity} 0..1 h. Closing it leaves the database open. */
    public SqlitePresence(SqliteDatabase db, Duration granularity) {
        super(granularity);
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    protected Row find(String username) {
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

    @Override
    protected void writeTouch(String username, long seenMillis) {
        db.write(c -> {
            PreparedStatement touch = c.prepare(TOUCH);
            touch.setString(1, username);
            touch.setLong(2, seenMillis);
            return touch.executeUpdate();
        });
    }

    @Override
    protected void writeAcking(String username, boolean acking) {
        db.write(c -> {
            PreparedStatement set = c.prepare(SET_ACKING);
            set.setString(1, username);
            set.setInt(2, acking ? 1 : 0);
            return set.executeUpdate();
        });
    }
}
