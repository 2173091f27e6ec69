package org.nymdir.store.postgres;

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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.nymdir.store.Correspondence;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.MailUsage;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Mailbox} in PostgreSQL, shared by every node on the database, with the guarantees of the SQLite
 * mailbox: each write returns after COMMIT, the replay check, the quota and the insert are one atomic step,
 * and the replay keys are shared, so a replay is refused at whichever node it arrives.
 *
 * <p>Atomic without a single writer: the replay key is claimed first with an upsert that only overwrites an
 * expired key (a live one makes the enqueue a {@link EnqueueResult#DUPLICATE}; a concurrent enqueue of the
 * same key waits on the key's unique index entry and then sees it), then the quotas of {@link MailQuota} are
 * read from the running totals of migration V2 with the whole mailbox's row locked ({@code FOR UPDATE}) to
 * the commit, so enqueues of all nodes check one after another and two cannot both fill the last place.
 * (Every insert updates that row anyway, so the lock serialises nothing that was not serialised.) A refused
 * enqueue rolls back, leaving no trace. There is no free-space floor here: the disk is the database server's;
 * a write it refuses for want of space ({@code disk_full}) is answered {@link EnqueueResult#STORAGE_FULL}.
 *
 * <p>Several nodes: a message for a user whose tag another node holds also leaves, in the same transaction,
 * a wake-up row for that node ({@link RelayWakeups}); after the commit the mailbox tells {@code onWakeup}
 * which node to nudge. And a node removes a message only while its recipient is not homed at another node:
 * a node that lost a user to another (takeover) and still hands out its old batch cannot delete what the new
 * home has yet to deliver.
 */
public final class PostgresMailbox implements Mailbox {

    private static final Logger log = LoggerFactory.getLogger(PostgresMailbox.class);

    private static final String COLUMNS = "id, recipient, sender, body, sender_public_key, accepted_at, expires_at";
    // an expired key that expire() has not purged yet is renewed; a live one updates nothing: a duplicate
    private static final String CLAIM_KEY = "INSERT INTO mailbox_replay (replay_key, expires_at) VALUES (?, ?)"
            + " ON CONFLICT (replay_key) DO UPDATE SET expires_at = excluded.expires_at"
            + " WHERE mailbox_replay.expires_at <= ?";
    // running totals kept by the triggers of migration V2; the '*' row is locked to the commit (see V2)
    private static final String LOCK_TOTAL = "SELECT messages, bytes FROM mailbox_usage WHERE kind = '*' FOR UPDATE";
    private static final String USAGE_OF = "SELECT messages, bytes FROM mailbox_usage"
            + " WHERE kind = ?::\"char\" AND owner_key = sha256(?)";
    private static final String WRITER_EXPIRY = "SELECT expires_at FROM mailbox_correspondence WHERE write_key = ?";
    private static final String REMEMBER_WRITER = "INSERT INTO mailbox_correspondence (write_key, expires_at)"
            + " VALUES (?, ?) ON CONFLICT (write_key) DO UPDATE"
            + " SET expires_at = greatest(mailbox_correspondence.expires_at, excluded.expires_at)";
    // class 53, insufficient resources: the server could not extend a file
    private static final String DISK_FULL = "53100";
    private static final String INSERT = "INSERT INTO mailbox (" + COLUMNS + ", bytes, stranger)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
    private static final String EXPIRE_WRITERS = "DELETE FROM mailbox_correspondence WHERE write_key IN"
            + " (SELECT write_key FROM mailbox_correspondence WHERE expires_at <= ? LIMIT " + EXPIRE_CHUNK + ")";
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
    public EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, MailQuota quota, Correspondence correspondence) {
        Objects.requireNonNull(m, "message");
        Objects.requireNonNull(quota, "quota");
        byte[] key = StoreArgs.requireReplayKey(replayKey);
        ensureOpen();
        byte[] recipient = Utf8.bytes(m.recipient());
        long now = m.acceptedAt().toEpochMilli();
        long bytes = m.storedBytes();
        Stored stored;
        try {
            stored = db.write(c -> {
                try (PreparedStatement claim = c.prepareStatement(CLAIM_KEY)) {
                    claim.setBytes(1, key);
                    claim.setLong(2, m.expiresAt().toEpochMilli());
                    claim.setLong(3, now);
                    if (claim.executeUpdate() == 0) {
                        c.rollback();
                        return new Stored(EnqueueResult.DUPLICATE, null);
                    }
                }
                boolean stranger = correspondence != null && !isCorrespondent(c, correspondence, now);
                Optional<EnqueueResult> refused = quota.refusal(usageFor(c, m, recipient), bytes, stranger);
                if (refused.isPresent()) {
                    c.rollback();
                    return new Stored(refused.get(), null);
                }
                insert(c, m, bytes, stranger);
                if (correspondence != null) {
                    try (PreparedStatement wrote = c.prepareStatement(REMEMBER_WRITER)) {
                        wrote.setBytes(1, correspondence.writeKey());
                        wrote.setLong(2, correspondence.rememberFor().toEpochMilli());
                        wrote.executeUpdate();
                    }
                }
                return new Stored(EnqueueResult.STORED, wakeHome(c, recipient));
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && DISK_FULL.equals(sql.getSQLState())) {
                // the database server's disk: its operator's to grow; nothing of the message is logged
                log.warn("postgresql refused new mail: its disk is full (SQLState {}); lookups and logins go on",
                        DISK_FULL);
                return EnqueueResult.STORAGE_FULL;
            }
            throw e;
        }
        if (stored.wake() != null) {
            onWakeup.accept(stored.wake()); // after the commit: a wake-up must never find nothing
        }
        return stored.result();
    }

    /**
     * What this enqueue finds waiting. The first read locks the whole mailbox's usage row and holds it to the
     * commit, so the totals read here cannot change before the insert (every enqueue of every node waits on
     * it): two nodes cannot both take the last room of a quota.
     */
    private static MailUsage<SQLException> usageFor(Connection c, MailboxMessage m, byte[] recipient) {
        return new MailUsage<>() {
            @Override
            public long totalBytes() throws SQLException {
                return usage(c, LOCK_TOTAL, null, null).bytes();
            }

            @Override
            public long senderBytes() throws SQLException {
                return usage(c, USAGE_OF, "s", Utf8.bytes(m.sender())).bytes();
            }

            @Override
            public Held recipient() throws SQLException {
                return usage(c, USAGE_OF, "r", recipient);
            }

            @Override
            public Held strangers() throws SQLException {
                return usage(c, USAGE_OF, "x", recipient);
            }
        };
    }

    private static MailUsage.Held usage(Connection c, String sql, String kind, byte[] name) throws SQLException {
        try (PreparedStatement usage = c.prepareStatement(sql)) {
            if (kind != null) {
                usage.setString(1, kind);
                usage.setBytes(2, name);
            }
            try (ResultSet rs = usage.executeQuery()) {
                return rs.next() ? new MailUsage.Held(rs.getLong(1), rs.getLong(2)) : MailUsage.Held.NONE;
            }
        }
    }

    private static boolean isCorrespondent(Connection c, Correspondence correspondence, long now)
            throws SQLException {
        try (PreparedStatement known = c.prepareStatement(WRITER_EXPIRY)) {
            known.setBytes(1, correspondence.replyKey());
            try (ResultSet rs = known.executeQuery()) {
                return rs.next() && now < rs.getLong(1);
            }
        }
    }

    @Override
    public long storedBytes() {
        ensureOpen();
        return db.read(c -> Sql.queryLong(c, "SELECT bytes FROM mailbox_usage WHERE kind = '*'"));
    }

    private static void insert(Connection c, MailboxMessage m, long bytes, boolean stranger) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, m.id());
            insert.setBytes(2, Utf8.bytes(m.recipient()));
            insert.setBytes(3, Utf8.bytes(m.sender()));
            insert.setBytes(4, Utf8.bytes(m.rawBody()));
            insert.setBytes(5, m.rawSenderPublicKey() == null ? null : Utf8.bytes(m.rawSenderPublicKey()));
            insert.setLong(6, m.acceptedAt().toEpochMilli());
            insert.setLong(7, m.expiresAt().toEpochMilli());
            insert.setLong(8, bytes);
            insert.setBoolean(9, stranger);
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
        while (db.write(c -> deleteUpTo(c, EXPIRE_WRITERS, cutoff)) == EXPIRE_CHUNK) {
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

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("mailbox is closed", null);
        }
    }
}
