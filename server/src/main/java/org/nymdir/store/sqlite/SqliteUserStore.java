package org.nymdir.store.sqlite;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nymdir.store.StoreArgs;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
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
        return db.write(c -> {
            PreparedStatement insert = c.prepare(INSERT);
            insert.setString(1, user.username());
            insert.setString(2, user.publicKeyPem());
            insert.setString(3, user.senderTag());
            return insert.executeUpdate() == 1;
        });
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
