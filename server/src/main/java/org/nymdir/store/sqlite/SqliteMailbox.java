package org.nymdir.store.sqlite;

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
import org.nymdir.store.Correspondence;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.MailUsage;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.StorageFullException;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;

/**
 * The {@link Mailbox} in the {@code mailbox} and {@code mailbox_replay} tables of migration V2, on a
 * {@link SqliteDatabase} shared with the user store. Writes go through the database's single writer (group
 * commit), so the check-then-insert of {@link #enqueue} is atomic without locks of our own: no other write
 * runs between the replay check, the quota checks and the insert. The quotas read running totals that the
 * triggers of migration V3 keep in {@code mailbox_usage} (also for rows that expiry or an ack delete), so a
 * check costs one index seek whatever is waiting. Reads run on the reader pool.
 */
public final class SqliteMailbox implements Mailbox {

    private static final String COLUMNS = "id, recipient, sender, body, senderPublicKey, acceptedAt, expiresAt";
    private static final String REPLAY_EXPIRY = "SELECT expiresAt FROM mailbox_replay WHERE replayKey = ?";
    // running totals kept by the triggers of migration V3: a quota check reads one row, whatever is waiting
    private static final String USAGE = "SELECT messages, bytes FROM mailbox_usage WHERE owner = ?";
    private static final String WRITER_EXPIRY = "SELECT expiresAt FROM mailbox_correspondence WHERE writeKey = ?";
    private static final String REMEMBER_WRITER = "INSERT INTO mailbox_correspondence (writeKey, expiresAt)"
            + " VALUES (?, ?) ON CONFLICT (writeKey) DO UPDATE SET expiresAt = max(expiresAt, excluded.expiresAt)";
    private static final String ID_TAKEN = "SELECT 1 FROM mailbox WHERE id = ?";
    private static final String INSERT = "INSERT INTO mailbox (" + COLUMNS + ", bytes, stranger)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // an expired key that expire() has not purged yet is simply renewed
    private static final String REMEMBER = "INSERT INTO mailbox_replay (replayKey, expiresAt) VALUES (?, ?)"
            + " ON CONFLICT (replayKey) DO UPDATE SET expiresAt = excluded.expiresAt";
    private static final String PENDING = "SELECT " + COLUMNS + ", seq"
            + " FROM mailbox WHERE recipient = ? ORDER BY acceptedAt, seq LIMIT ?";
    private static final String REMOVE = "DELETE FROM mailbox WHERE id = ? AND recipient = ?";
    // one index seek per name: a DISTINCT scan would step over every message of each recipient listed
    private static final String NEXT_RECIPIENT = "SELECT min(recipient) FROM mailbox WHERE recipient > ?";
    private static final String COUNT = "SELECT COUNT(*) FROM mailbox WHERE recipient = ?";
    // expire deletes in chunks, one transaction each, so a large backlog never holds the writer for long
    static final int EXPIRE_CHUNK = 1_000;
    private static final String EXPIRE_MESSAGES = "DELETE FROM mailbox WHERE seq IN"
            + " (SELECT seq FROM mailbox WHERE expiresAt <= ? LIMIT " + EXPIRE_CHUNK + ")";
    private static final String EXPIRE_KEYS = "DELETE FROM mailbox_replay WHERE replayKey IN"
            + " (SELECT replayKey FROM mailbox_replay WHERE expiresAt <= ? LIMIT " + EXPIRE_CHUNK + ")";
    private static final String EXPIRE_WRITERS = "DELETE FROM mailbox_correspondence WHERE writeKey IN"
            + " (SELECT writeKey FROM mailbox_correspondence WHERE expiresAt <= ? LIMIT " + EXPIRE_CHUNK + ")";

    private final SqliteDatabase db;
    private volatile boolean closed;

    /** A mailbox on a database opened elsewhere (at schema V2 or later); closing it leaves the database open. */
    public SqliteMailbox(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public EnqueueResult enqueue(MailboxMessage m, byte[] replayKey, MailQuota quota, Correspondence correspondence) {
        Objects.requireNonNull(m, "message");
        Objects.requireNonNull(quota, "quota");
        byte[] key = StoreArgs.requireReplayKey(replayKey);
        ensureOpen();
        if (!db.freeSpaceFloor().allowsNewMail()) {
            return EnqueueResult.STORAGE_FULL;
        }
        long now = m.acceptedAt().toEpochMilli();
        long bytes = m.storedBytes();
        try {
            return db.write(c -> {
                PreparedStatement replay = c.prepare(REPLAY_EXPIRY);
                replay.setBytes(1, key);
                try (ResultSet rs = replay.executeQuery()) {
                    if (rs.next() && now < rs.getLong(1)) {
                        return EnqueueResult.DUPLICATE;
                    }
                }
                boolean stranger = correspondence != null && !isCorrespondent(c, correspondence, now);
                Optional<EnqueueResult> refused = quota.refusal(new MailUsage<SQLException>() {
                    @Override
                    public long totalBytes() throws SQLException {
                        return usage(c, "*").bytes();
                    }

                    @Override
                    public long senderBytes() throws SQLException {
                        return usage(c, "s:" + m.sender()).bytes();
                    }

                    @Override
                    public Held recipient() throws SQLException {
                        return usage(c, "r:" + m.recipient());
                    }

                    @Override
                    public Held strangers() throws SQLException {
                        return usage(c, "x:" + m.recipient());
                    }
                }, bytes, stranger);
                if (refused.isPresent()) {
                    return refused.get();
                }
                PreparedStatement taken = c.prepare(ID_TAKEN);
                taken.setString(1, m.id());
                try (ResultSet rs = taken.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("message id already in the mailbox");
                    }
                }
                PreparedStatement insert = c.prepare(INSERT);
                insert.setString(1, m.id());
                insert.setString(2, m.recipient());
                insert.setString(3, m.sender());
                insert.setString(4, m.rawBody());
                insert.setString(5, m.rawSenderPublicKey()); // null binds SQL NULL
                insert.setLong(6, m.acceptedAt().toEpochMilli());
                insert.setLong(7, m.expiresAt().toEpochMilli());
                insert.setLong(8, bytes);
                insert.setInt(9, stranger ? 1 : 0);
                insert.executeUpdate();
                PreparedStatement remember = c.prepare(REMEMBER);
                remember.setBytes(1, key);
                remember.setLong(2, m.expiresAt().toEpochMilli());
                remember.executeUpdate();
                if (correspondence != null) {
                    PreparedStatement wrote = c.prepare(REMEMBER_WRITER);
                    wrote.setBytes(1, correspondence.writeKey());
                    wrote.setLong(2, correspondence.rememberFor().toEpochMilli());
                    wrote.executeUpdate();
                }
                return EnqueueResult.STORED;
            });
        } catch (StorageFullException e) {
            return EnqueueResult.STORAGE_FULL; // logged by the writer, once until writes succeed again
        }
    }

    @Override
    public long storedBytes() {
        ensureOpen();
        return db.read(c -> usage(c, "*").bytes());
    }

    /** Messages and bytes waiting for one owner of {@code mailbox_usage} (see migration V3). */
    private static MailUsage.Held usage(SqlConnection c, String owner) throws SQLException {
        PreparedStatement usage = c.prepare(USAGE);
        usage.setString(1, owner);
        try (ResultSet rs = usage.executeQuery()) {
            return rs.next() ? new MailUsage.Held(rs.getLong(1), rs.getLong(2)) : MailUsage.Held.NONE;
        }
    }

    private static boolean isCorrespondent(SqlConnection c, Correspondence correspondence, long now)
            throws SQLException {
        PreparedStatement known = c.prepare(WRITER_EXPIRY);
        known.setBytes(1, correspondence.replyKey());
        try (ResultSet rs = known.executeQuery()) {
            return rs.next() && now < rs.getLong(1);
        }
    }

    @Override
    public List<MailboxMessage> pending(String recipient, int limit) {
        return pending(recipient, limit, Long.MAX_VALUE);
    }

    /** Reads row by row and stops at the bound: the rows behind it are never fetched. */
    @Override
    public List<MailboxMessage> pending(String recipient, int limit, long maxBytes) {
        Objects.requireNonNull(recipient, "recipient");
        StoreArgs.requireInRange(limit, 1, MAX_LIMIT, "limit");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        ensureOpen();
        if (!StoreArgs.isName(recipient)) {
            return List.of();
        }
        return db.read(c -> {
            PreparedStatement pending = c.prepare(PENDING);
            pending.setString(1, recipient);
            pending.setInt(2, limit);
            List<MailboxMessage> out = new ArrayList<>();
            long bytes = 0;
            try (ResultSet rs = pending.executeQuery()) {
                while (bytes < maxBytes && rs.next()) {
                    MailboxMessage m = row(rs);
                    out.add(m);
                    bytes += m.heapBytes();
                }
            }
            return out;
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
            PreparedStatement remove = c.prepare(REMOVE);
            int removed = 0;
            for (String id : wanted) {
                remove.setString(1, id);
                remove.setString(2, recipient);
                removed += remove.executeUpdate();
            }
            return removed;
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
        StoreArgs.requireStorable(after, "after"); // a lone surrogate would compare differently in SQLite
        StoreArgs.requireInRange(limit, 1, MAX_LIMIT, "limit");
        ensureOpen();
        return db.read(c -> {
            PreparedStatement next = c.prepare(NEXT_RECIPIENT);
            List<String> out = new ArrayList<>();
            String last = after;
            while (out.size() < limit) {
                next.setString(1, last);
                try (ResultSet rs = next.executeQuery()) {
                    last = rs.next() ? rs.getString(1) : null;
                }
                if (last == null) {
                    break;
                }
                out.add(last);
            }
            return out;
        });
    }

    @Override
    public long size() {
        ensureOpen();
        return db.read(c -> c.queryLong("SELECT COUNT(*) FROM mailbox"));
    }

    @Override
    public int count(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        ensureOpen();
        if (!StoreArgs.isName(recipient)) {
            return 0;
        }
        return db.read(c -> {
            PreparedStatement count = c.prepare(COUNT);
            count.setString(1, recipient);
            return (int) single(count);
        });
    }

    /** Marks the mailbox closed; the shared database stays open for its owner to close. */
    @Override
    public void close() {
        closed = true;
    }

    private static MailboxMessage row(ResultSet rs) throws SQLException {
        try {
            return new MailboxMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)));
        } catch (IllegalArgumentException | NullPointerException e) {
            // only our validated writes make rows; this one was edited by hand or damaged (no text logged)
            throw new StoreException("invalid mailbox row (seq " + rs.getLong("seq") + ")", e);
        }
    }

    private static int deleteUpTo(SqlConnection c, String sql, long cutoff) throws SQLException {
        PreparedStatement delete = c.prepare(sql);
        delete.setLong(1, cutoff);
        return delete.executeUpdate();
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("mailbox is closed", null);
        }
    }
}
