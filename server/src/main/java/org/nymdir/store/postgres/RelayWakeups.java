package org.nymdir.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's side of cross-node relay: the {@code relay_wakeup} rows other nodes left for it when they
 * stored mail for its users. The rows are durable and claimed by polling ({@link #claim}): a lost
 * notification, a restart or a network split delays mail, never loses it, and the mail itself waits in the
 * mailbox until delivered, so a claimed wake-up that the node then fails to act on costs nothing but time
 * (the node's restart resumes every waiting mailbox anyway).
 *
 * <p>{@link #notifyNode} sends a PostgreSQL NOTIFY as a mere nudge, after and outside the write: NOTIFY
 * takes a global lock at commit, does not pass a transaction-mode pooler and carries at most 8000 bytes, so
 * it carries nothing but a node id and nothing depends on it.
 */
public final class RelayWakeups {

    /** The NOTIFY channel; its payload is the id of the node to wake. */
    public static final String CHANNEL = "nymdir_relay";
    private static final Logger log = LoggerFactory.getLogger(RelayWakeups.class);
    // SKIP LOCKED: two pollers of one node (or a poller racing a restart) never block or take one row twice
    private static final String CLAIM = "DELETE FROM relay_wakeup WHERE seq IN (SELECT seq FROM relay_wakeup"
            + " WHERE node_id = ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING seq, recipient";
    private static final String PRUNE = "DELETE FROM relay_wakeup w WHERE NOT EXISTS"
            + " (SELECT 1 FROM mailbox m WHERE m.recipient_key = sha256(w.recipient))";
    private static final String WAKE = "INSERT INTO relay_wakeup (node_id, recipient) VALUES (?, ?)";

    private final PostgresDatabase db;
    private final String nodeId;

    public RelayWakeups(PostgresDatabase db, String nodeId) {
        this.db = Objects.requireNonNull(db, "db");
        this.nodeId = NodeId.require(nodeId);
    }

    /**
     * Takes up to {@code limit} wake-ups left for this node, oldest first, and returns their recipients
     * (each once). Committed before it returns: the caller now owns looking at these mailboxes.
     */
    public List<String> claim(int limit) {
        StoreArgs.requireInRange(limit, 1, 10_000, "limit");
        return db.write(c -> {
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                claim.setString(1, nodeId);
                claim.setInt(2, limit);
                record Row(long seq, String recipient) {
                }
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), Utf8.text(rs.getBytes(2), "relay_wakeup.recipient")));
                    }
                }
                rows.sort((x, y) -> Long.compare(x.seq(), y.seq()));
                Set<String> recipients = new LinkedHashSet<>();
                rows.forEach(r -> recipients.add(r.recipient()));
                return List.copyOf(recipients);
            }
        });
    }

    /** Leaves a wake-up for {@code node} about {@code recipient} (a user who moved there), then nudges it. */
    public void wake(String node, String recipient) {
        leave(node, recipient);
        notifyNode(node);
    }

    /** Leaves a wake-up for {@code node} about {@code recipient}, found at its next poll; no nudge. */
    public void leave(String node, String recipient) {
        NodeId.require(node);
        StoreArgs.requireName(recipient, "recipient");
        db.write(c -> {
            try (PreparedStatement wake = c.prepareStatement(WAKE)) {
                wake.setString(1, node);
                wake.setBytes(2, Utf8.bytes(recipient));
                return wake.executeUpdate();
            }
        });
    }

    /** NOTIFY {@code node} that mail waits; best effort: a failure only means the node finds it by polling. */
    public void notifyNode(String node) {
        try {
            db.read(c -> {
                try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, node);
                    notify.execute();
                }
                return null;
            });
        } catch (StoreException e) {
            log.debug("relay notify failed, the node will poll: {}", e.getMessage());
        }
    }

    /**
     * Drops wake-ups whose recipient has no mail left (delivered through another node meanwhile, or expired),
     * so those left for a node that never comes back do not pile up. Returns how many.
     */
    public int prune() {
        return db.write(c -> {
            try (PreparedStatement prune = c.prepareStatement(PRUNE)) {
                return prune.executeUpdate();
            }
        });
    }

    public String nodeId() {
        return nodeId;
    }
}
