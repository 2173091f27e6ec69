package org.nymdir.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.LookAlikes;
import org.nymdir.vocabulary.Unicode;

/**
 * The user directory in PostgreSQL's {@code users} table, as seen by one node: every tag it writes is stored
 * with its node id, and a record it reads names the node holding the tag when that is another
 * ({@link UserRecord#remoteNode()}). Names are unique across nodes: the insert says
 * {@code ON CONFLICT DO NOTHING} on the primary key, so of two nodes registering one name at once exactly one
 * wins, and the other gets {@code false}.
 */
public final class PostgresUserStore implements UserStore {

    private static final String FIND = "SELECT public_key, sender_tag, node_id FROM users"
            + " WHERE name_key = sha256(?)";
    private static final String INSERT = "INSERT INTO users (username, public_key, sender_tag, node_id)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING";
    private static final String UPDATE_TAG = "UPDATE users SET sender_tag = ?, node_id = ? WHERE name_key = sha256(?)";
    private static final String TAKEN = "SELECT EXISTS (SELECT 1 FROM users WHERE name_key = sha256(?))"
            + " OR EXISTS (SELECT 1 FROM name_skeleton WHERE name_key = sha256(?) OR skeleton_key = sha256(?))";
    private static final String CLAIM = "INSERT INTO name_skeleton (username, skeleton, claim) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String UNCLAIM = "DELETE FROM name_skeleton WHERE name_key = sha256(?)";
    private static final String UNSKELETONED = "SELECT u.username FROM users u WHERE NOT EXISTS"
            + " (SELECT 1 FROM name_skeleton s WHERE s.name_key = u.name_key) ORDER BY u.username LIMIT ?";
    private static final String REPLACE_KEY = "UPDATE users SET public_key = ? WHERE name_key = sha256(?)"
            + " AND public_key = ?";
    private static final String DELETE_USER = "DELETE FROM users WHERE name_key = sha256(?)";
    private static final String HOLD = "UPDATE name_skeleton SET held_until = ? WHERE name_key = sha256(?)";
    private static final String RELEASE = "DELETE FROM name_skeleton WHERE name_key IN (SELECT name_key"
            + " FROM name_skeleton WHERE held_until <= ? LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING skeleton";
    private static final String PROMOTE = "UPDATE name_skeleton SET claim = true WHERE name_key ="
            + " (SELECT name_key FROM name_skeleton WHERE skeleton_key = sha256(?) AND NOT claim"
            + " ORDER BY username LIMIT 1) AND NOT EXISTS"
            + " (SELECT 1 FROM name_skeleton WHERE skeleton_key = sha256(?) AND claim)";
    private static final String UNUSED = "SELECT u.username FROM users u JOIN presence p ON p.name_key = u.name_key"
            + " WHERE p.last_seen < ? LIMIT ?";
    /** Rows the backfill of skeletons fills per transaction. */
    private static final int BACKFILL_BATCH = 5_000;

    private final PostgresDatabase db;
    private final String nodeId;
    private volatile boolean closed;

    /** The users of {@code db} as node {@code nodeId} sees them; closing the store leaves the database open. */
    public PostgresUserStore(PostgresDatabase db, String nodeId) {
        this.db = Objects.requireNonNull(db, "db");
        this.nodeId = NodeId.require(nodeId);
        backfillSkeletons();
    }

    @Override
    public Optional<UserRecord> findUser(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        if (!Unicode.isWellFormed(username)) {
            return Optional.empty(); // such a name can never have been stored
        }
        return db.read(c -> {
            try (PreparedStatement find = c.prepareStatement(FIND)) {
                find.setBytes(1, Utf8.bytes(username));
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String node = rs.getString(3);
                    return Optional.of(new UserRecord(username, Utf8.text(rs.getBytes(1), "users.public_key"),
                            Utf8.text(rs.getBytes(2), "users.sender_tag"), nodeId.equals(node) ? null : node));
                }
            }
        });
    }

    /** Inserts the user with their tag at this node; a record naming another node is a caller's bug. */
    @Override
    public boolean insertUser(UserRecord user) {
        StoreArgs.requireStorable(user);
        if (!user.isLocal()) {
            throw new IllegalArgumentException("a node registers only users whose tag it holds");
        }
        ensureOpen();
        String skeleton = LookAlikes.skeleton(user.username());
        return db.write(c -> {
            // The claim first: the unique index on claimed skeletons refuses a look-alike, a held name and the
            // name itself, also one another node is registering at this moment (it waits for that commit).
            if (!claim(c, user.username(), skeleton, true)) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setBytes(1, Utf8.bytes(user.username()));
                insert.setBytes(2, Utf8.bytes(user.publicKeyPem()));
                insert.setBytes(3, Utf8.bytes(user.senderTag()));
                insert.setString(4, nodeId);
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            c.rollback(); // a users row without a skeleton row (an import since): the next open fills it in
            return false;
        });
    }

    @Override
    public boolean isTaken(String username) {
        Objects.requireNonNull(username, "username");
        ensureOpen();
        if (!Unicode.isWellFormed(username)) {
            return false;
        }
        return db.read(c -> {
            try (PreparedStatement taken = c.prepareStatement(TAKEN)) {
                taken.setBytes(1, Utf8.bytes(username));
                taken.setBytes(2, Utf8.bytes(username));
                taken.setBytes(3, Utf8.bytes(LookAlikes.skeleton(username)));
                try (ResultSet rs = taken.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public boolean replaceKey(String username, String oldKeyPem, String newKeyPem) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(oldKeyPem, "oldKeyPem");
        StoreArgs.requireStorable(newKeyPem, "newKeyPem");
        ensureOpen();
        if (!Unicode.isWellFormed(username) || !Unicode.isWellFormed(oldKeyPem)) {
            return false;
        }
        return db.write(c -> {
            try (PreparedStatement replace = c.prepareStatement(REPLACE_KEY)) {
                replace.setBytes(1, Utf8.bytes(newKeyPem));
                replace.setBytes(2, Utf8.bytes(username));
                replace.setBytes(3, Utf8.bytes(oldKeyPem));
                return replace.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean deleteAccount(String username, Instant heldUntil) {
        Objects.requireNonNull(username, "username");
        long until = StoreArgs.comparableMillis(heldUntil, "heldUntil");
        ensureOpen();
        if (!Unicode.isWellFormed(username)) {
            return false;
        }
        String skeleton = LookAlikes.skeleton(username);
        return db.write(c -> {
            try (PreparedStatement delete = c.prepareStatement(DELETE_USER)) {
                delete.setBytes(1, Utf8.bytes(username));
                if (delete.executeUpdate() != 1) {
                    return false;
                }
            }
            claim(c, username, skeleton, false); // a row is there unless the user came by an import since
            try (PreparedStatement hold = c.prepareStatement(HOLD)) {
                hold.setLong(1, until);
                hold.setBytes(2, Utf8.bytes(username));
                hold.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public int releaseHolds(Instant now, int limit) {
        long cutoff = StoreArgs.comparableMillis(now, "now");
        StoreArgs.requireInRange(limit, 1, 100_000, "limit");
        ensureOpen();
        return db.write(c -> {
            List<byte[]> released = new ArrayList<>();
            try (PreparedStatement release = c.prepareStatement(RELEASE)) {
                release.setLong(1, cutoff);
                release.setInt(2, limit);
                try (ResultSet rs = release.executeQuery()) {
                    while (rs.next()) {
                        released.add(rs.getBytes(1));
                    }
                }
            }
            for (byte[] skeleton : released) {
                // a look-alike the original let in may remain: it claims the skeleton now
                try (PreparedStatement promote = c.prepareStatement(PROMOTE)) {
                    promote.setBytes(1, skeleton);
                    promote.setBytes(2, skeleton);
                    promote.executeUpdate();
                }
            }
            return released.size();
        });
    }

    @Override
    public List<String> unusedSince(Instant cutoff, int limit) {
        long before = StoreArgs.comparableMillis(cutoff, "cutoff");
        StoreArgs.requireInRange(limit, 1, 100_000, "limit");
        ensureOpen();
        return db.read(c -> {
            try (PreparedStatement find = c.prepareStatement(UNUSED)) {
                find.setLong(1, before);
                find.setInt(2, limit);
                List<String> names = new ArrayList<>();
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        names.add(Utf8.text(rs.getBytes(1), "users.username"));
                    }
                }
                return names;
            }
        });
    }

    /**
     * Inserts the name's skeleton row; {@code false} when the name has one, or when {@code exclusive} and a
     * look-alike claims the skeleton. Not exclusive, the row claims the skeleton only if nobody does.
     */
    private static boolean claim(Connection c, String username, String skeleton, boolean exclusive)
            throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setBytes(1, Utf8.bytes(username));
            claim.setBytes(2, Utf8.bytes(skeleton));
            claim.setBoolean(3, true);
            if (claim.executeUpdate() == 1) {
                return true;
            }
            if (exclusive) {
                return false;
            }
            claim.setBoolean(3, false);
            return claim.executeUpdate() == 1;
        }
    }

    /**
     * Gives every user without one a skeleton row (users imported from SQLite, or from before this schema):
     * the first of each skeleton claims it, later look-alikes stay unclaimed. In batches; nodes starting at
     * once only find each other's rows (ON CONFLICT DO NOTHING).
     */
    private void backfillSkeletons() {
        int filled;
        do {
            filled = db.write(c -> {
                List<String> names = new ArrayList<>();
                try (PreparedStatement find = c.prepareStatement(UNSKELETONED)) {
                    find.setInt(1, BACKFILL_BATCH);
                    try (ResultSet rs = find.executeQuery()) {
                        while (rs.next()) {
                            names.add(Utf8.text(rs.getBytes(1), "users.username"));
                        }
                    }
                }
                for (String name : names) {
                    claim(c, name, LookAlikes.skeleton(name), false);
                }
                return names.size();
            });
        } while (filled == BACKFILL_BATCH);
    }

    /**
     * Points the user at {@code senderTag} through this node: a user who shows up at another node moves
     * there (takeover). Reads first, as on SQLite: an unchanged tag at the same node needs no transaction.
     */
    @Override
    public boolean updateSenderTag(String username, String senderTag) {
        Objects.requireNonNull(username, "username");
        StoreArgs.requireStorable(senderTag, "senderTag");
        ensureOpen();
        Optional<UserRecord> current = findUser(username);
        if (current.isEmpty()) {
            return false;
        }
        if (current.get().isLocal() && current.get().senderTag().equals(senderTag)) {
            return true;
        }
        return db.write(c -> {
            try (PreparedStatement update = c.prepareStatement(UPDATE_TAG)) {
                update.setBytes(1, Utf8.bytes(senderTag));
                update.setString(2, nodeId);
                update.setBytes(3, Utf8.bytes(username));
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long countUsers() {
        ensureOpen();
        return db.read(c -> Sql.queryLong(c, "SELECT count(*) FROM users"));
    }

    /** The node this store writes as. */
    public String nodeId() {
        return nodeId;
    }

    /** Marks the store closed; the shared database stays open for its owner to close. */
    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("user store is closed", null);
        }
    }
}
