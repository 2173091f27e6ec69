package org.nymdir.store.sqlite;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.LookAlikes;
import org.nymdir.vocabulary.Unicode;

/**
 * The user directory in the original nymCHAT server's {@code users(username, publicKey, senderTag)} table,
 * so an existing database file of the original opens and keeps working as it is.
 *
 * <p>Lookups run on the reader pool; writes go through the database's single writer (group commit) and
 * return only after COMMIT. A taken username is an answer ({@code false}), not an error: the insert says
 * {@code ON CONFLICT DO NOTHING}, so a race between two registrations of one name costs no exception.
 */
public final class SqliteUserStore implements UserStore {

    private static final String FIND = "SELECT username, publicKey, senderTag FROM users WHERE username = ?";
    private static final String FIND_TAG = "SELECT senderTag FROM users WHERE username = ?";
    private static final String INSERT = "INSERT INTO users (username, publicKey, senderTag) VALUES (?, ?, ?)"
            + " ON CONFLICT (username) DO NOTHING";
    private static final String UPDATE_TAG = "UPDATE users SET senderTag = ? WHERE username = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM users";
    private static final String TAKEN = "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?)"
            + " OR EXISTS (SELECT 1 FROM name_skeleton WHERE username = ? OR skeleton = ?)";
    private static final String CLAIM = "INSERT OR IGNORE INTO name_skeleton (username, skeleton, claim)"
            + " VALUES (?, ?, ?)";
    private static final String UNCLAIM = "DELETE FROM name_skeleton WHERE username = ?";
    private static final String UNSKELETONED = "SELECT u.username FROM users u"
            + " WHERE NOT EXISTS (SELECT 1 FROM name_skeleton s WHERE s.username = u.username)"
            + " ORDER BY u.username LIMIT ?";
    private static final String REPLACE_KEY = "UPDATE users SET publicKey = ? WHERE username = ? AND publicKey = ?";
    private static final String DELETE_USER = "DELETE FROM users WHERE username = ?";
    private static final String HOLD = "UPDATE name_skeleton SET heldUntil = ? WHERE username = ?";
    private static final String HELD_OUT = "SELECT username, skeleton FROM name_skeleton"
            + " WHERE heldUntil IS NOT NULL AND heldUntil <= ? LIMIT ?";
    private static final String PROMOTE = "UPDATE name_skeleton SET claim = 1 WHERE username ="
            + " (SELECT min(username) FROM name_skeleton WHERE skeleton = ? AND claim = 0)"
            + " AND NOT EXISTS (SELECT 1 FROM name_skeleton WHERE skeleton = ? AND claim = 1)";
    private static final String UNUSED = "SELECT u.username FROM users u JOIN presence p ON p.username = u.username"
            + " WHERE p.lastSeen IS NOT NULL AND p.lastSeen < ? LIMIT ?";
    /** Rows the backfill of skeletons fills per write transaction: a short hold of the writer each. */
    private static final int BACKFILL_BATCH = 5_000;

    private final SqliteDatabase db;
    private final boolean ownsDatabase;
    private volatile boolean closed;

    /** Opens (or creates) the database file with the default settings of {@link SqliteConfig#defaults}. */
    public static SqliteUserStore open(Path path) {
        return open(SqliteConfig.defaults(path));
    }

    /** Opens (or creates) the database file; closing the store closes the database. */
    public static SqliteUserStore open(SqliteConfig config) {
        SqliteDatabase db = SqliteDatabase.open(config);
        try {
            return new SqliteUserStore(db, true);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A store on a database shared with other stores (the mailbox); closing the store leaves it open. */
    public SqliteUserStore(SqliteDatabase db) {
        this(db, false);
    }

    private SqliteUserStore(SqliteDatabase db, boolean ownsDatabase) {
        this.db = Objects.requireNonNull(db, "db");
        this.ownsDatabase = ownsDatabase;
        checkColumns();
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
            PreparedStatement find = c.prepare(FIND);
            find.setString(1, username);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next()
                        ? Optional.of(new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        });
    }

    @Override
    public boolean insertUser(UserRecord user) {
        StoreArgs.requireStorable(user);
        ensureOpen();
        String skeleton = LookAlikes.skeleton(user.username());
        return db.write(c -> {
            // The claim first: the unique index on claimed skeletons refuses a look-alike, a held name, and
            // the name itself (its row's primary key), whoever raced us to it.
            if (!claim(c, user.username(), skeleton, true)) {
                return false;
            }
            PreparedStatement insert = c.prepare(INSERT);
            insert.setString(1, user.username());
            insert.setString(2, user.publicKeyPem());
            insert.setString(3, user.senderTag());
            if (insert.executeUpdate() == 1) {
                return true;
            }
            // a users row without a skeleton row: written by the original meanwhile; the next open fills it in
            PreparedStatement unclaim = c.prepare(UNCLAIM);
            unclaim.setString(1, user.username());
            unclaim.executeUpdate();
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
            PreparedStatement taken = c.prepare(TAKEN);
            taken.setString(1, username);
            taken.setString(2, username);
            taken.setString(3, LookAlikes.skeleton(username));
            try (ResultSet rs = taken.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
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
            PreparedStatement replace = c.prepare(REPLACE_KEY);
            replace.setString(1, newKeyPem);
            replace.setString(2, username);
            replace.setString(3, oldKeyPem);
            return replace.executeUpdate() == 1;
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
            PreparedStatement delete = c.prepare(DELETE_USER);
            delete.setString(1, username);
            if (delete.executeUpdate() != 1) {
                return false;
            }
            // the row is there (backfilled at open, or inserted with the user) unless the original added the
            // user since: then one is made now, so the hold covers the name all the same
            claim(c, username, skeleton, false);
            PreparedStatement hold = c.prepare(HOLD);
            hold.setLong(1, until);
            hold.setString(2, username);
            hold.executeUpdate();
            return true;
        });
    }

    @Override
    public int releaseHolds(Instant now, int limit) {
        long cutoff = StoreArgs.comparableMillis(now, "now");
        StoreArgs.requireInRange(limit, 1, 100_000, "limit");
        ensureOpen();
        return db.write(c -> {
            PreparedStatement find = c.prepare(HELD_OUT);
            find.setLong(1, cutoff);
            find.setInt(2, limit);
            List<String[]> released = new ArrayList<>();
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    released.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] r : released) {
                PreparedStatement unclaim = c.prepare(UNCLAIM);
                unclaim.setString(1, r[0]);
                unclaim.executeUpdate();
                // a look-alike the original let in may remain: it claims the skeleton now
                PreparedStatement promote = c.prepare(PROMOTE);
                promote.setString(1, r[1]);
                promote.setString(2, r[1]);
                promote.executeUpdate();
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
            PreparedStatement find = c.prepare(UNUSED);
            find.setLong(1, before);
            find.setInt(2, limit);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    /**
     * Inserts the name's skeleton row; {@code false} when the name has one, or when {@code exclusive} and a
     * look-alike claims the skeleton. Not exclusive, the row claims the skeleton only if nobody does.
     */
    private static boolean claim(SqlConnection c, String username, String skeleton, boolean exclusive)
            throws SQLException {
        PreparedStatement claim = c.prepare(CLAIM);
        claim.setString(1, username);
        claim.setString(2, skeleton);
        claim.setInt(3, 1);
        if (claim.executeUpdate() == 1) {
            return true;
        }
        if (exclusive) {
            return false;
        }
        claim.setInt(3, 0);
        return claim.executeUpdate() == 1;
    }

    /**
     * Gives every user without one a skeleton row (a database of the original, or users the original added
     * since): the first of each skeleton claims it, later look-alikes are kept unclaimed. In batches, so a
     * large directory never holds the writer for long; a second process doing the same at once only finds the
     * rows already there.
     */
    private void backfillSkeletons() {
        int filled;
        do {
            filled = db.write(c -> {
                PreparedStatement find = c.prepare(UNSKELETONED);
                find.setInt(1, BACKFILL_BATCH);
                List<String> names = new ArrayList<>();
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
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
     * Checks on a reader first: a sender's tag rarely changes between their messages, and a tag that is
     * already current needs no write transaction (nor its fsync). Linearizable: the answer is true of the
     * moment the read ran, which lies within this call.
     */
    @Override
    public boolean updateSenderTag(String username, String senderTag) {
        Objects.requireNonNull(username, "username");
        StoreArgs.requireStorable(senderTag, "senderTag");
        ensureOpen();
        if (!Unicode.isWellFormed(username)) {
            return false;
        }
        Optional<String> current = db.read(c -> {
            PreparedStatement find = c.prepare(FIND_TAG);
            find.setString(1, username);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
        });
        if (current.isEmpty()) {
            return false;
        }
        if (current.get().equals(senderTag)) {
            return true;
        }
        return db.write(c -> {
            PreparedStatement update = c.prepare(UPDATE_TAG);
            update.setString(1, senderTag);
            update.setString(2, username);
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public long countUsers() {
        ensureOpen();
        return db.read(c -> c.queryLong(COUNT));
    }

    /** The database underneath, e.g. to share it with the mailbox or read its write statistics. */
    public SqliteDatabase database() {
        return db;
    }

    @Override
    public void close() {
        closed = true;
        if (ownsDatabase) {
            db.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("user store is closed", null);
        }
    }

    /** A file whose users table lacks the original's columns is not ours: stop before writing into it. */
    private void checkColumns() {
        Set<String> columns = db.read(c -> {
            Set<String> names = new HashSet<>();
            try (Statement st = c.connection().createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA table_info(users)")) {
                while (rs.next()) {
                    names.add(rs.getString("name").toLowerCase(Locale.ROOT));
                }
            }
            return names;
        });
        if (!columns.containsAll(Set.of("username", "publickey", "sendertag"))) {
            throw new StoreException("table users in " + db.config().path()
                    + " lacks the columns username, publicKey, senderTag (has " + columns + ")", null);
        }
    }
}
