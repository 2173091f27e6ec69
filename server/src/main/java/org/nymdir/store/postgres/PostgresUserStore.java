package org.nymdir.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
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

    private final PostgresDatabase db;
    private final String nodeId;
    private volatile boolean closed;

    /** The users of {@code db} as node {@code nodeId} sees them; closing the store leaves the database open. */
    public PostgresUserStore(PostgresDatabase db, String nodeId) {
        this.db = Objects.requireNonNull(db, "db");
        this.nodeId = NodeId.require(nodeId);
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
        return db.write(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setBytes(1, Utf8.bytes(user.username()));
                insert.setBytes(2, Utf8.bytes(user.publicKeyPem()));
                insert.setBytes(3, Utf8.bytes(user.senderTag()));
                insert.setString(4, nodeId);
                return insert.executeUpdate() == 1;
            }
        });
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
