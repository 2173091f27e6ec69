package org.nymdir.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.nymdir.store.StoreException;

/**
 * What an operator does to the SQLite store that no request does: block, unblock and delete users, and take a
 * consistent copy of the database while it is in use.
 */
public final class SqliteAdmin {
    private static final String BLOCKED = "SELECT username FROM blocked";
    private static final String IS_BLOCKED = "SELECT 1 FROM blocked WHERE username = ?";
    private static final String BLOCK = "INSERT INTO blocked (username, blockedAt) VALUES (?, ?)"
            + " ON CONFLICT (username) DO NOTHING";
    private static final String UNBLOCK = "DELETE FROM blocked WHERE username = ?";
    private static final String[] DELETE_USER = {
        "DELETE FROM users WHERE username = ?",
        "DELETE FROM mailbox WHERE recipient = ?",
        "DELETE FROM presence WHERE username = ?",
        "DELETE FROM blocked WHERE username = ?",
    };

    private final SqliteDatabase db;

    public SqliteAdmin(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Every blocked username. */
    public Set<String> blocked() {
        return db.read(c -> {
            Set<String> names = new HashSet<>();
            try (ResultSet rs = c.prepare(BLOCKED).executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    public boolean isBlocked(String username) {
        return db.read(c -> {
            PreparedStatement s = c.prepare(IS_BLOCKED);
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Blocks {@code username}; false when it already was. Committed when this returns. */
    public boolean block(String username, Instant at) {
        return db.write(c -> {
            PreparedStatement s = c.prepare(BLOCK);
            s.setString(1, username);
            s.setLong(2, at.toEpochMilli());
            return s.executeUpdate() == 1;
        });
    }

    /** Unblocks {@code username}; false when it was not blocked. */
    public boolean unblock(String username) {
        return db.write(c -> {
            PreparedStatement s = c.prepare(UNBLOCK);
            s.setString(1, username);
            return s.executeUpdate() == 1;
        });
    }

    /**
     * Deletes the user, the mail waiting for them, their presence and block, in one transaction; the name is
     * free again afterwards. Mail they sent to others stays with its recipients. False when no such user.
     */
    public boolean deleteUser(String username) {
        return db.write(c -> {
            boolean existed = false;
            for (int i = 0; i < DELETE_USER.length; i++) {
                PreparedStatement s = c.prepare(DELETE_USER[i]);
                s.setString(1, username);
                int n = s.executeUpdate();
                existed |= i == 0 && n == 1;
            }
            return existed;
        });
    }

    /**
     * A consistent copy of the database at one moment, as a new file {@code to} (which must not exist), taken
     * with {@code VACUUM INTO} on a connection of its own: it reads one snapshot, so writes committed meanwhile
     * (also by a running node, WAL mode) are either wholly in it or not at all, and the copy is compact and
     * needs no -wal file. Works on a file whether a node has it open or not.
     */
    public static void backup(Path database, Path to) {
        if (Files.exists(to)) {
            throw new IllegalArgumentException(to + " exists; a backup never overwrites a file");
        }
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("no database at " + database.toAbsolutePath());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
             PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, to.toAbsolutePath().toString());
            s.execute();
        } catch (SQLException e) {
            throw new StoreException("backup of " + database + " into " + to + " failed: " + e.getMessage(), e);
        }
    }
}
