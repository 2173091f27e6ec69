package org.nymdir.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.postgres.PostgresConfig;
import org.nymdir.store.postgres.PostgresDatabase;
import org.nymdir.store.postgres.PostgresMailbox;

/**
 * A schema of its own on the test PostgreSQL server, dropped (with everything in it) on close, so tests run
 * in parallel and leave nothing behind. The server is the machine's: 127.0.0.1:5432, trust auth, database
 * {@code test}, as role {@code postgres} ({@code NYMDIR_TEST_POSTGRES_URL} names another, in the
 * {@code postgresql://user@host:port/db} form). No server is a test failure that says how to start one,
 * never a skip: a store that cannot be tested is not known to work.
 */
public final class TestPostgres implements AutoCloseable {
    private static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test";

    private final String baseUrl;
    private final String schema;
    private final PostgresConfig admin;

    private TestPostgres(String baseUrl, String schema, PostgresConfig admin) {
        this.baseUrl = baseUrl;
        this.schema = schema;
        this.admin = admin;
    }

    /** Creates a fresh, empty schema; fails the test with how to start PostgreSQL when it is not reachable. */
    public static TestPostgres create() {
        return create(System.getenv().getOrDefault("NYMDIR_TEST_POSTGRES_URL", DEFAULT_URL));
    }

    /** As {@link #create()} on the server at {@code base} ({@code postgresql://user@host:port/db}). */
    public static TestPostgres create(String base) {
        PostgresConfig admin = PostgresConfig.fromUrl(base, Optional.empty());
        String schema = "t_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = connect(admin); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + admin.displayUrl() + " (" + e.getMessage()
                    + "). Start it with: pg_ctlcluster 15 main start   (or: pg_ctlcluster --skip-systemctl-redirect"
                    + " $(ls /etc/postgresql) main start); tests need 127.0.0.1:5432, trust auth, database test", e);
        }
        return new TestPostgres(base, schema, admin);
    }

    /** What a node in this schema connects with: a small pool, since many tests share one server. */
    public PostgresConfig config() {
        return PostgresConfig.fromUrl(url(), Optional.empty()).withPoolSize(4);
    }

    /** The {@code NYMDIR_DATABASE_URL} of this schema, for a server or command in another process. */
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String schema() {
        return schema;
    }

    /** A plain connection to this schema, to look at what the stores wrote. */
    public Connection connection() throws SQLException {
        return connect(config());
    }

    /**
     * Every message waiting in this schema's mailbox, read through the store (which validates every row: a
     * damaged one fails the read), by recipient in delivery order. For a moment no node writes.
     */
    public Map<String, List<MailboxMessage>> mailbox() {
        try (PostgresDatabase db = PostgresDatabase.open(config().withPoolSize(1));
             PostgresMailbox mailbox = new PostgresMailbox(db, "test-reader")) {
            return DatabaseFiles.contents(mailbox);
        }
    }

    @Override
    public void close() {
        try (Connection c = connect(admin); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(PostgresConfig config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
