package org.nymdir.store.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.sqlite.SQLiteConfig;

/**
 * Copies a SQLite directory (the original's {@code users}, nymdir's mailbox, replay keys and presence) into an
 * empty PostgreSQL database, in one transaction that checks, before it commits, that every table holds as many
 * rows as the source: a copy is complete or it did not happen.
 *
 * <p>The source is read in one read transaction (a consistent snapshot, and nothing written to it: the file
 * is opened read-only, so even an original server's file is left exactly as it was). Every row is validated
 * as the stores validate their writes, and a row that could not be stored stops the copy, naming its row
 * number, never its content. Users get the node id of the node that will run with the source's nym-client:
 * their tags were received by it.
 */
public final class SqliteImport {

    /** Rows copied per table. */
    public record Counts(long users, long messages, long replayKeys, long presence) {
        @Override
        public String toString() {
            return users + " users, " + messages + " messages, " + replayKeys + " replay keys, " + presence
                    + " presence rows";
        }
    }

    private static final int BATCH = 1_000;

    private SqliteImport() {
    }

    /**
     * Copies {@code sqliteFile} into {@code target} (at this build's schema, with no users and no mail), the
     * users homed at {@code nodeId}.
     *
     * @throws StoreException when the source cannot be read, the target is not empty, a row is invalid or a
     *                        count does not match; nothing was written then
     */
    public static Counts copy(Path sqliteFile, PostgresDatabase target, String nodeId) {
        Objects.requireNonNull(target, "target");
        NodeId.require(nodeId);
        if (!Files.isRegularFile(sqliteFile)) {
            throw new StoreException("no SQLite database at " + sqliteFile, null);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection source = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath(),
                readOnly.toProperties())) {
            source.setAutoCommit(false); // one read transaction: one snapshot of every table
            Set<String> tables = tables(source);
            if (!tables.contains("users")) {
                throw new StoreException(sqliteFile + " has no users table: not a nymdir or nymCHAT database", null);
            }
            Counts counts = target.write(c -> {
                requireEmpty(c);
                Counts copied = new Counts(copyUsers(source, c, nodeId),
                        tables.contains("mailbox") ? copyMailbox(source, c) : 0,
                        tables.contains("mailbox_replay") ? copyReplayKeys(source, c) : 0,
                        tables.contains("presence") ? copyPresence(source, c) : 0);
                Counts expected = new Counts(count(source, "users"),
                        tables.contains("mailbox") ? count(source, "mailbox") : 0,
                        tables.contains("mailbox_replay") ? count(source, "mailbox_replay") : 0,
                        tables.contains("presence") ? count(source, "presence") : 0);
                Counts stored = new Counts(count(c, "users"), count(c, "mailbox"), count(c, "mailbox_replay"),
                        count(c, "presence"));
                if (!copied.equals(expected) || !stored.equals(expected)) {
                    throw new StoreException("counts differ, nothing copied: source has " + expected + ", copied "
                            + copied + ", PostgreSQL holds " + stored, null);
                }
                return stored;
            });
            source.rollback();
            return counts;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    private static void requireEmpty(Connection c) throws SQLException {
        long users = count(c, "users");
        long mail = count(c, "mailbox");
        if (users > 0 || mail > 0) {
            throw new StoreException("the PostgreSQL database already holds " + users + " users and " + mail
                    + " messages; migrate only into an empty one", null);
        }
    }

    private static long copyUsers(Connection source, Connection target, String nodeId) throws SQLException {
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT username, publicKey, senderTag FROM users ORDER BY rowid");
             PreparedStatement insert = target.prepareStatement("INSERT INTO users (username, public_key,"
                     + " sender_tag, node_id) VALUES (?, ?, ?, ?)")) {
            long n = 0;
            while (rs.next()) {
                n++;
                UserRecord user;
                try {
                    user = StoreArgs.requireStorable(new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3)));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new StoreException("users row " + n + " cannot be stored: " + e.getMessage(), e);
                }
                insert.setBytes(1, Utf8.bytes(user.username()));
                insert.setBytes(2, Utf8.bytes(user.publicKeyPem()));
                insert.setBytes(3, Utf8.bytes(user.senderTag()));
                insert.setString(4, nodeId);
                batch(insert, n);
            }
            insert.executeBatch();
            return n;
        }
    }

    /** In insertion order, so ties of acceptedAt keep their order under the new sequence. */
    private static long copyMailbox(Connection source, Connection target) throws SQLException {
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, recipient, sender, body, senderPublicKey, acceptedAt,"
                     + " expiresAt FROM mailbox ORDER BY seq");
             PreparedStatement insert = target.prepareStatement("INSERT INTO mailbox (id, recipient, sender, body,"
                     + " sender_public_key, accepted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            long n = 0;
            while (rs.next()) {
                n++;
                MailboxMessage m;
                try {
                    m = new MailboxMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new StoreException("mailbox row " + n + " cannot be stored: " + e.getMessage(), e);
                }
                insert.setString(1, m.id());
                insert.setBytes(2, Utf8.bytes(m.recipient()));
                insert.setBytes(3, Utf8.bytes(m.sender()));
                insert.setBytes(4, Utf8.bytes(m.rawBody()));
                insert.setBytes(5, m.rawSenderPublicKey() == null ? null : Utf8.bytes(m.rawSenderPublicKey()));
                insert.setLong(6, m.acceptedAt().toEpochMilli());
                insert.setLong(7, m.expiresAt().toEpochMilli());
                batch(insert, n);
            }
            insert.executeBatch();
            return n;
        }
    }

    private static long copyReplayKeys(Connection source, Connection target) throws SQLException {
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT replayKey, expiresAt FROM mailbox_replay");
             PreparedStatement insert = target.prepareStatement("INSERT INTO mailbox_replay (replay_key, expires_at)"
                     + " VALUES (?, ?)")) {
            long n = 0;
            while (rs.next()) {
                n++;
                byte[] key = rs.getBytes(1);
                if (key == null || key.length != 32) {
                    throw new StoreException("mailbox_replay row " + n + " is not a 32-byte key", null);
                }
                insert.setBytes(1, key);
                insert.setLong(2, rs.getLong(2));
                batch(insert, n);
            }
            insert.executeBatch();
            return n;
        }
    }

    private static long copyPresence(Connection source, Connection target) throws SQLException {
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT username, lastSeen, acking FROM presence");
             PreparedStatement insert = target.prepareStatement("INSERT INTO presence (username, last_seen, acking)"
                     + " VALUES (?, ?, ?)")) {
            long n = 0;
            while (rs.next()) {
                n++;
                String name = rs.getString(1);
                if (!StoreArgs.isName(name)) {
                    throw new StoreException("presence row " + n + " has no storable name", null);
                }
                long seen = rs.getLong(2);
                boolean never = rs.wasNull();
                insert.setBytes(1, Utf8.bytes(name));
                if (never) {
                    insert.setNull(2, Types.BIGINT);
                } else {
                    insert.setLong(2, seen);
                }
                insert.setBoolean(3, rs.getInt(3) == 1);
                batch(insert, n);
            }
            insert.executeBatch();
            return n;
        }
    }

    private static void batch(PreparedStatement insert, long n) throws SQLException {
        insert.addBatch();
        if (n % BATCH == 0) {
            insert.executeBatch();
        }
    }

    private static Set<String> tables(Connection source) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Row count of one of our own tables (a constant name, never input). */
    private static long count(Connection c, String table) throws SQLException {
        return Sql.queryLong(c, "SELECT count(*) FROM " + table);
    }
}
