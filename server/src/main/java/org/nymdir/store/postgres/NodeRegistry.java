package org.nymdir.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code nodes} table: every node that ran on the database and its heartbeat, so an operator (or another
 * node) sees which nodes are alive. Never read a clock here: callers pass "now".
 */
public final class NodeRegistry {

    private static final String STARTED = "INSERT INTO nodes (node_id, started_at, heartbeat_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (node_id) DO UPDATE SET started_at = excluded.started_at,"
            + " heartbeat_at = excluded.heartbeat_at, stopped_at = NULL";
    private static final String BEAT = "UPDATE nodes SET heartbeat_at = ?, nym_address = coalesce(?, nym_address)"
            + " WHERE node_id = ?";
    private static final String STOPPED = "UPDATE nodes SET stopped_at = ?, heartbeat_at = ? WHERE node_id = ?";
    private static final String ALL = "SELECT node_id, nym_address, started_at, heartbeat_at, stopped_at FROM nodes"
            + " ORDER BY node_id";
    private static final String ONE = "SELECT node_id, nym_address, started_at, heartbeat_at, stopped_at FROM nodes"
            + " WHERE node_id = ?";

    private final PostgresDatabase db;

    public NodeRegistry(PostgresDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** What the table said of {@code nodeId} before this start (a live-looking entry may be a twin). */
    public Optional<NodeStatus> find(String nodeId) {
        return db.read(c -> {
            try (PreparedStatement one = c.prepareStatement(ONE)) {
                one.setString(1, NodeId.require(nodeId));
                try (ResultSet rs = one.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<NodeStatus>empty();
                }
            }
        });
    }

    public void started(String nodeId, Instant now) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(STARTED)) {
                st.setString(1, NodeId.require(nodeId));
                st.setLong(2, now.toEpochMilli());
                st.setLong(3, now.toEpochMilli());
                return st.executeUpdate();
            }
        });
    }

    /** The node is alive at {@code now}; {@code nymAddress} once known (null keeps the stored one). */
    public void beat(String nodeId, String nymAddress, Instant now) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(BEAT)) {
                st.setLong(1, now.toEpochMilli());
                st.setString(2, nymAddress);
                st.setString(3, NodeId.require(nodeId));
                return st.executeUpdate();
            }
        });
    }

    /** A clean stop: the node says so, and is not mistaken for a crashed one. */
    public void stopped(String nodeId, Instant now) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(STOPPED)) {
                st.setLong(1, now.toEpochMilli());
                st.setLong(2, now.toEpochMilli());
                st.setString(3, NodeId.require(nodeId));
                return st.executeUpdate();
            }
        });
    }

    public List<NodeStatus> nodes() {
        return db.read(c -> {
            List<NodeStatus> out = new ArrayList<>();
            try (PreparedStatement all = c.prepareStatement(ALL); ResultSet rs = all.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    private static NodeStatus row(ResultSet rs) throws SQLException {
        long stopped = rs.getLong(5);
        boolean running = rs.wasNull();
        return new NodeStatus(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), running ? null : Instant.ofEpochMilli(stopped));
    }
}
