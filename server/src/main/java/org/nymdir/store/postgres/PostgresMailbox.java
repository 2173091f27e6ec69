package org.nymdir.store.postgres;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;

/**
 * The {@link Mailbox} in PostgreSQL, shared by every node on the database, with the guarantees of the SQLite
 * mailbox: each write returns after COMMIT, the replay check, the quota and the insert are one atomic step,
 * and the replay keys are shared, so a replay is refused at whichever node it arrives.
 *
 * <p>Atomic without a single writer: the replay key is claimed first with an upsert that only overwrites an
 * expired key (a live one makes the enqueue a {@link EnqueueResult#DUPLICATE}; a concurrent enqueue of the
 * same key waits on the key's unique index entry and then sees it), then the recipient's quota is counted
 * under a transaction-scoped advisory lock on the recipient, so two nodes cannot both fill the last place.
 * A refused enqueue rolls back, leaving no trace.
 *
 * <p>Several nodes: a message for a user whose tag another node holds also leaves, in the same transaction,
 * a wake-up row for that node ({@link RelayWakeups}); after the commit the mailbox tells {@code onWakeup}
 * which node to nudge. And a node removes a message only while its recipient is not homed at another node:
 * a node that lost a user to another (takeover) and still hands out its old batch cannot delete what the new
 * home has yet to deliver.
 */
public final class PostgresMailbox implements Mailbox {

    private static final String COLUMNS = "id, recipient, sender, body, sender_public_key, accepted_at, expires_at";
    // an expired key that expire() has not purged yet is renewed; a live one updates nothing: a duplicate
    private static final String CLAIM_KEY = "INSERT INTO mailbox_replay (replay_key, expires_at) VALUES (?, ?)"
            + " ON CONFLICT (replay_key) DO UPDATE SET expires_at = excluded.expires_at"
            + " WHERE mailbox_replay.expires_at <= ?";
    // advisory locks of two int keys do not meet the one-bigint key of the schema lock
    private static final String LOCK_RECIPIENT = "SELECT pg_advisory_xact_lock(" + 0x6e79 + ", ?)";
    private static final String COUNT_UP_TO =
            "SELECT count(*) FROM (SELECT 1 FROM mailbox WHERE recipient_key = sha256(?) LIMIT ?) AS q";
    private static final String INSERT = "INSERT INTO mailbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    private static final String WAKE_HOME = "INSERT INTO relay_wakeup (node_id, recipient)"
            + " SELECT node_id, username FROM users WHERE name_key = sha256(?) AND node_id <> ? RETURNING node_id";
    private static final String PENDING = "SELECT " + COLUMNS + ", seq FROM mailbox"
            + " WHERE recipient_key = sha256(?) ORDER BY accepted_at, seq LIMIT ?";
    private static final String REMOVE = "DELETE FROM mailbox m WHERE m.id = ANY (?) AND m.recipient_key = sha256(?)"
            + " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.name_key = m.recipient_key AND u.node_id <> ?)";
    // no index holds whole names (see V1), so this scans: it serves restarts, not the relay path
    private static final String RECIPIENTS = "SELECT DISTINCT recipient FROM mailbox WHERE recipient > ?"
            + " ORDER BY recipient LIMIT ?";
    private static final String COUNT = "SELECT count(*) FROM mailbox WHERE recipient_key = sha256(?)";
    static final int EXPIRE_CHUNK = 1_000;
    private static final String EXPIRE_MESSAGES = "DELETE FROM mailbox WHERE seq IN"
            + " (SELECT seq FROM mailbox WHERE expires_at <= ? LIMIT " + EXPIRE_CHUNK + ")";
    private static final String EXPIRE_KEYS = "DELETE FROM mailbox_replay WHERE replay_key IN"
            + " (SELECT replay_key FROM mailbox_replay WHERE expires_at <= ? LIMIT " + EXPIRE_CHUNK + ")";

    private final PostgresDatabase db;
    private final String nodeId;
    private final Consumer<String> onWakeup;
    private volatile boolean closed;

    /** A mailbox for node {@code nodeId} that leaves cross-node wake-ups to polling alone. */
    public PostgresMailbox(PostgresDatabase db, String nodeId) {
        this(db, nodeId, node -> { });
    }

    /**
     * A mailbox for node {@code nodeId}; {@code onWakeup} hears, after the commit, the node that must deliver
     * a message just stored (e.g. {@link RelayWakeups#notifyNode}). Closing it leaves the database open.
     */
    public PostgresMailbox(PostgresDatabase db, String nodeId, Consumer<String> onWakeup) {
        this.db = Objects.requireNonNull(db, "db");
        this.nodeId = NodeId.require(nodeId);
        this.onWakeup = Objects.requireNonNull(onWakeup, "onWakeup");
    }

    private record Stored(EnqueueResult result, String wake) {
    }

    @Override
    public EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, int recipientQuota) {
        Objects.requireNonNull(m, "message");
        byte[] key = StoreArgs.requireReplayKey(replayKey);
        StoreArgs.requireInRange(recipientQuota, 1, MAX_QUOTA, "recipientQuota");
        ensureOpen();
        byte[] recipient = Utf8.bytes(m.recipient());
        Stored stored = db.write(c -> {
            try (PreparedStatement claim = c.prepareStatement(CLAIM_KEY)) {
                claim.setBytes(1, key);
                claim.setLong(2, m.expiresAt().toEpochMilli());
                claim.setLong(3, m.acceptedAt().toEpochMilli());
                if (claim.executeUpdate() == 0) {
                    c.rollback();
                    return new Stored(EnqueueResult.DUPLICATE, null);
                }
            }
            lockRecipient(c, recipient);
            try (PreparedStatement count = c.prepareStatement(COUNT_UP_TO)) {
                count.setBytes(1, recipient);
                count.setInt(2, recipientQuota);
                if (Sql.single(count) >= recipientQuota) {
                    c.rollback();
                    return new Stored(EnqueueResult.FULL, null);
                }
            }
            insert(c, m);
            return new Stored(EnqueueResult.STORED, wakeHome(c, recipient));
        });
        if (stored.wake() != null) {
            onWakeup.accept(stored.wake()); // after the commit: a wake-up must never find nothing
        }
        return stored.result();
    }

    private static void insert(Connection c, MailboxMessage m) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, m.id());
            insert.setBytes(2, Utf8.bytes(m.recipient()));
            insert.setBytes(3, Utf8.bytes(m.sender()));
            insert.setBytes(4, Utf8.bytes(m.rawBody()));
            insert.setBytes(5, m.rawSenderPublicKey() == null ? null : Utf8.bytes(m.rawSenderPublicKey()));
            insert.setLong(6, m.acceptedAt().toEpochMilli());
            insert.setLong(7, m.expiresAt().toEpochMilli());
            if (insert.executeUpdate() == 0) {
                throw new IllegalArgumentException("message id already in the mailbox");
            }
        }
    }

    /** The node to wake when the recipient's tag is held by another; null when it is ours or nobody's. */
    private String wakeHome(Connection c, byte[] recipient) throws SQLException {
        try (PreparedStatement wake = c.prepareStatement(WAKE_HOME)) {
            wake.setBytes(1, recipient);
            wake.setString(2, nodeId);
            try (ResultSet rs = wake.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void lockRecipient(Connection c, byte[] recipient) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_RECIPIENT)) {
            lock.setInt(1, ByteBuffer.wrap(sha256(recipient)).getInt());
            lock.execute();
        }
    }

    @Override
    public List<MailboxMessage> pending(String recipient, int limit) {
        Objects.requireNonNull(recipient, "recipient");
        StoreArgs.requireInRange(limit, 1, MAX_LIMIT, "limit");
        ensureOpen();
        if (!StoreArgs.isName(recipient)) {
            return List.of();
        }
        return db.read(c -> {
            try (PreparedStatement pending = c.prepareStatement(PENDING)) {
                pending.setBytes(1, Utf8.bytes(recipient));
                pending.setInt(2, limit);
                List<MailboxMessage> out = new ArrayList<>();
                try (ResultSet rs = pending.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int remove(String recipient, Collection<String> ids) {
        Objects.requireNonNull(recipient, "recipient");
        Set<String> wanted = StoreArgs.removableIds(ids);
        ensureOpen();
        if (wanted.isEmpty() || !StoreArgs.isName(recipient)) {
            return 0;
        }
        return db.write(c -> {
            try (PreparedStatement remove = c.prepareStatement(REMOVE)) {
                Array array = c.createArrayOf("text", wanted.toArray());
                remove.setArray(1, array);
                remove.setBytes(2, Utf8.bytes(recipient));
                remove.setString(3, nodeId);
                return remove.executeUpdate();
            }
        });
    }

    @Override
    public int expire(Instant now) {
        long cutoff = StoreArgs.comparableMillis(now, "now");
        ensureOpen();
        int expired = 0;
        int chunk;
        do {
            chunk = db.write(c -> deleteUpTo(c, EXPIRE_MESSAGES, cutoff));
            expired += chunk;
        } while (chunk == EXPIRE_CHUNK);
        while (db.write(c -> deleteUpTo(c, EXPIRE_KEYS, cutoff)) == EXPIRE_CHUNK) {
            // next chunk
        }
        return expired;
    }

    @Override
    public List<String> recipientsWithPending(String after, int limit) {
        StoreArgs.requireStorable(after, "after");
        StoreArgs.requireInRange(limit, 1, MAX_LIMIT, "limit");
        ensureOpen();
        return db.read(c -> {
            try (PreparedStatement next = c.prepareStatement(RECIPIENTS)) {
                next.setBytes(1, Utf8.bytes(after));
                next.setInt(2, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = next.executeQuery()) {
                    while (rs.next()) {
                        out.add(Utf8.text(rs.getBytes(1), "mailbox.recipient"));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long size() {
        ensureOpen();
        return db.read(c -> Sql.queryLong(c, "SELECT count(*) FROM mailbox"));
    }

    @Override
    public int count(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        ensureOpen();
        if (!StoreArgs.isName(recipient)) {
            return 0;
        }
        return db.read(c -> {
            try (PreparedStatement count = c.prepareStatement(COUNT)) {
                count.setBytes(1, Utf8.bytes(recipient));
                return (int) Sql.single(count);
            }
        });
    }

    /** Marks the mailbox closed; the shared database stays open for its owner to close. */
    @Override
    public void close() {
        closed = true;
    }

    private static MailboxMessage row(ResultSet rs) throws SQLException {
        try {
            return new MailboxMessage(rs.getString(1), Utf8.text(rs.getBytes(2), "recipient"),
                    Utf8.text(rs.getBytes(3), "sender"), Utf8.text(rs.getBytes(4), "body"),
                    Utf8.text(rs.getBytes(5), "sender_public_key"), Instant.ofEpochMilli(rs.getLong(6)),
                    Instant.ofEpochMilli(rs.getLong(7)));
        } catch (IllegalArgumentException | NullPointerException | StoreException e) {
            // only our validated writes make rows; this one was edited by hand or damaged (no text logged)
            throw new StoreException("invalid mailbox row (seq " + rs.getLong("seq") + ")", e);
        }
    }

    private static int deleteUpTo(Connection c, String sql, long cutoff) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setLong(1, cutoff);
            return delete.executeUpdate();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("mailbox is closed", null);
        }
    }
}
