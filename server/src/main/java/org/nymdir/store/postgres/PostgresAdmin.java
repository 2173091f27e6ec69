package org.nymdir.store.postgres;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.nymdir.store.StoreAdmin;
import org.nymdir.store.StoreArgs;

/**
 * {@link StoreAdmin} on a PostgreSQL database that one or several nodes share. A block written here reaches
 * every node when it next reads the table; backups are PostgreSQL's own business ({@code pg_dump}).
 */
public final class PostgresAdmin implements StoreAdmin {
    private static final String BLOCKED = "SELECT username FROM blocked";
    private static final String BLOCK = "INSERT INTO blocked (username, blocked_at) VALUES (?, ?)"
            + " ON CONFLICT (name_key) DO NOTHING";
    private static final String UNBLOCK = "DELETE FROM blocked WHERE name_key = sha256(?)";
    private static final String DELETE_USER = "DELETE FROM users WHERE name_key = sha256(?)";
    private static final String[] DELETE_WITH_USER = {
        "DELETE FROM mailbox WHERE recipient_key = sha256(?)",
        "DELETE FROM presence WHERE name_key = sha256(?)",
        "DELETE FROM blocked WHERE name_key = sha256(?)",
        "DELETE FROM relay_wakeup WHERE recipient = ?",
    };
    // the name's look-alike skeleton row stays, held for the quarantine (see UserStore.deleteAccount)
    private static final String HOLD_NAME = "UPDATE name_skeleton SET held_until = ? WHERE name_key = sha256(?)";
    private static final String TOTALS = "SELECT coalesce(max(messages), 0), coalesce(max(bytes), 0)"
            + " FROM mailbox_usage WHERE kind = '*'";

    private final PostgresDatabase db;
    private final NodeRegistry registry;

    public PostgresAdmin(PostgresDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
        this.registry = new NodeRegistry(db);
    }

    /** The database administered, for tests in this package. */
    PostgresDatabase database() {
        return db;
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public String location() {
        return db.config().displayUrl();
    }

    @Override
    public void ping() {
        db.read(c -> Sql.queryLong(c, "SELECT 1"));
    }

    @Override
    public Set<String> blocked() {
        return db.read(c -> {
            Set<String> names = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(BLOCKED); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(Utf8.text(rs.getBytes(1), "blocked.username"));
                }
            }
            return names;
        });
    }

    @Override
    public boolean block(String username, Instant at) {
        byte[] name = Utf8.bytes(StoreArgs.requireName(username, "username"));
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(BLOCK)) {
                s.setBytes(1, name);
                s.setLong(2, at.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean unblock(String username) {
        if (!StoreArgs.isName(username)) {
            return false;
        }
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(UNBLOCK)) {
                s.setBytes(1, Utf8.bytes(username));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public OptionalInt deleteUser(String username, Instant nameHeldUntil) {
        long until = StoreArgs.comparableMillis(nameHeldUntil, "nameHeldUntil");
        if (!StoreArgs.isName(username)) {
            return OptionalInt.empty();
        }
        byte[] name = Utf8.bytes(username);
        return db.write(c -> {
            // The users row first: it locks the name, so no node registers it again until this commits.
            boolean existed;
            try (PreparedStatement s = c.prepareStatement(DELETE_USER)) {
                s.setBytes(1, name);
                existed = s.executeUpdate() == 1;
            }
            int waiting = 0;
            for (int i = 0; i < DELETE_WITH_USER.length; i++) {
                try (PreparedStatement s = c.prepareStatement(DELETE_WITH_USER[i])) {
                    s.setBytes(1, name);
                    int n = s.executeUpdate();
                    waiting = i == 0 ? n : waiting;
                }
            }
            if (existed) {
                try (PreparedStatement hold = c.prepareStatement(HOLD_NAME)) {
                    hold.setLong(1, until);
                    hold.setBytes(2, name);
                    hold.executeUpdate();
                }
            }
            return existed ? OptionalInt.of(waiting) : OptionalInt.empty();
        });
    }

    @Override
    public MailboxTotals mailboxTotals() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(TOTALS); ResultSet rs = s.executeQuery()) {
                rs.next();
                return new MailboxTotals(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    @Override
    public List<Node> nodes() {
        return registry.nodes().stream().map(n -> new Node(n.nodeId(), n.nymAddress(), n.startedAt(),
                n.heartbeatAt(), n.stoppedAt())).toList();
    }

    /** Refused: a file copy of one connection's view is not how PostgreSQL is backed up. */
    @Override
    public Backup backup(Path to) {
        return new Backup.NotHere("no file copy of PostgreSQL (" + location() + "): back it up with its own tool,"
                + " consistent while the nodes run: pg_dump --format=custom --file=" + to
                + " postgresql://USER@HOST:PORT/DB (restore: pg_restore --clean --dbname=postgresql://... " + to
                + "; README: Backup and restore)");
    }
}
