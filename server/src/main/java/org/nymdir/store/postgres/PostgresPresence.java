package org.nymdir.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Objects;
import org.nymdir.store.Presence;
import org.nymdir.store.RowPresence;

/**
 * {@link Presence} in PostgreSQL's {@code presence} table, shared by every node. As on SQLite, each write
 * first reads whether it would change anything worth a commit, and the write itself is monotonic
 * ({@code greatest(last_seen, new)}), so racing touches from two nodes both land and the newer time wins.
 */
public final class PostgresPresence extends RowPresence {

    private static final String FIND = "SELECT last_seen, acking FROM presence WHERE name_key = sha256(?)";
    private static final String TOUCH = "INSERT INTO presence (username, last_seen) VALUES (?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET last_seen = greatest(presence.last_seen, excluded.last_seen)";
    private static final String SET_ACKING = "INSERT INTO presence (username, acking) VALUES (?, ?)"
            + " ON CONFLICT (name_key) DO UPDATE SET acking = excluded.acking";

    private final PostgresDatabase db;

    public PostgresPresence(PostgresDatabase db) {
        this(db, DEFAULT_GRANULARITY);
    }

    /** Presence on a shared database; {@code granularity} 0..1 h. Closing it leaves the database open. */
    public PostgresPresence(PostgresDatabase db, Duration granularity) {
        super(granularity);
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    protected Row find(String username) {
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

    @Override
    protected void writeTouch(String username, long seenMillis) {
        db.write(c -> {
            try (PreparedStatement touch = c.prepareStatement(TOUCH)) {
                touch.setBytes(1, Utf8.bytes(username));
                touch.setLong(2, seenMillis);
                return touch.executeUpdate();
            }
        });
    }

    @Override
    protected void writeAcking(String username, boolean acking) {
        db.write(c -> {
            try (PreparedStatement set = c.prepareStatement(SET_ACKING)) {
                set.setBytes(1, Utf8.bytes(username));
                set.setBoolean(2, acking);
                return set.executeUpdate();
            }
        });
    }
}
