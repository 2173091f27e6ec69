package org.nymdir.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.nymdir.store.StoreAdmin;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;

/** {@link StoreAdmin} on the SQLite file of one node. */
public final class SqliteAdmin implements StoreAdmin {
    private static final String BLOCKED = "SELECT username FROM blocked";
    private static final String BLOCK = "INSERT INTO blocked (username, blockedAt) VALUES (?, ?)"
            + " ON CONFLICT (username) DO NOTHING";
    private static final String UNBLOCK = "DELETE FROM blocked WHERE username = ?";
    private static final String COUNT_MAIL = "SELECT COUNT(*) FROM mailbox WHERE recipient = ?";
    private static final String[] DELETE_USER = {
        "DELETE FROM users WHERE username = ?",
        "DELETE FROM mailbox WHERE recipient = ?",
        "DELETE FROM presence WHERE username = ?",
        "DELETE FROM blocked WHERE username = ?",
    };
    // the name's look-alike skeleton row stays, held for the quarantine (see UserStore.deleteAccount)
    private static final String HOLD_NAME = "UPDATE name_skeleton SET heldUntil = ? WHERE username = ?";

    private final SqliteDatabase db;

    public SqliteAdmin(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    @Override
    public String location() {
        return db.config().path().toAbsolutePath().toString();
    }

    @Override
    public void ping() {
        db.read(c -> c.queryLong("SELECT 1"));
    }

    @Override
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

    @Override
    public boolean block(String username, Instant at) {
        StoreArgs.requireName(username, "username");
        return db.write(c -> {
            PreparedStatement s = c.prepare(BLOCK);
            s.setString(1, username);
            s.setLong(2, at.toEpochMilli());
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public boolean unblock(String username) {
        if (!StoreArgs.isName(username)) {
            return false;
        }
        return db.write(c -> {
            PreparedStatement s = c.prepare(UNBLOCK);
            s.setString(1, username);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public OptionalInt deleteUser(String username, Instant nameHeldUntil) {
        long until = StoreArgs.comparableMillis(nameHeldUntil, "nameHeldUntil");
        if (!StoreArgs.isName(username)) {
            return OptionalInt.empty();
        }
        return db.write(c -> {
            PreparedStatement count = c.prepare(COUNT_MAIL);
            count.setString(1, username);
            int waiting;
            try (ResultSet rs = count.executeQuery()) {
                waiting = rs.next() ? rs.getInt(1) : 0;
            }
            boolean existed = false;
            for (int i = 0; i < DELETE_USER.length; i++) {
                PreparedStatement s = c.prepare(DELETE_USER[i]);
                s.setString(1, username);
                int n = s.executeUpdate();
                existed |= i == 0 && n == 1;
            }
            if (existed) {
                PreparedStatement hold = c.prepare(HOLD_NAME);
                hold.setLong(1, until);
                hold.setString(2, username);
                hold.executeUpdate();
            }
            // No such user: mail addressed to the name (nobody's) and a stray block go too, but "no user" is said.
            return existed ? OptionalInt.of(waiting) : OptionalInt.empty();
        });
    }

    @Override
    public MailboxTotals mailboxTotals() {
        return db.read(c -> new MailboxTotals(
                c.queryLong("SELECT COALESCE(MAX(messages), 0) FROM mailbox_usage WHERE owner = '*'"),
                c.queryLong("SELECT COALESCE(MAX(bytes), 0) FROM mailbox_usage WHERE owner = '*'")));
    }

    @Override
    public List<Node> nodes() {
        return List.of();
    }

    /**
     * {@code VACUUM INTO} on a connection of its own: it reads one snapshot, so writes committed meanwhile (by a
     * running node too, in WAL mode) are wholly in the copy or not at all, and the copy is compact and needs no
     * -wal file. It holds every user's key and mail, so it is written in a 0700 folder, made 0600 there, and only
     * then moved to {@code to}: nobody else can open it at any moment.
     */
    @Override
    public Backup backup(Path to) {
        Path target = to.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists; a backup never overwrites a file");
        }
        Path source = db.config().path().toAbsolutePath();
        Path folder = null;
        try {
            folder = Files.createTempDirectory(target.getParent(), ".nymdir-backup",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path copy = folder.resolve("copy.db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                 PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
                s.setString(1, copy.toString());
                s.execute();
            }
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            Files.createLink(target, copy); // fails if the target appeared meanwhile: never overwrites
            return new Backup.Written(target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException(target + " exists; a backup never overwrites a file", e);
        } catch (SQLException | IOException e) {
            throw new StoreException("backup of " + source + " into " + target + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // what is left is in a 0700 folder named .nymdir-backup*: harmless, and the operator sees it
        }
    }
}
