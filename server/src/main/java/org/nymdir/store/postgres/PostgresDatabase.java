package org.nymdir.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.nymdir.store.Migration;
import org.nymdir.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL database shared by every PostgreSQL-backed store of a node (and by every node): a HikariCP
 * pool, the {@link PostgresSchema} applied on open.
 *
 * <p>Durability: a write returns once its COMMIT returned, and PostgreSQL acknowledges a commit after its WAL
 * reached disk unless {@code synchronous_commit} is off; a server configured so is raised back to
 * {@code on} for nymdir's sessions (stronger settings such as {@code remote_apply} are kept), because the
 * directory answers "success" right after a commit. Writes run at READ COMMITTED; each store makes its
 * check-then-write steps atomic with row locks and unique keys rather than a stricter isolation level that
 * would need retry loops.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);
    // Runs on every new connection: never weaker than synchronous_commit = on.
    private static final String SESSION_INIT = "SELECT CASE WHEN current_setting('synchronous_commit')"
            + " IN ('off', 'local') THEN set_config('synchronous_commit', 'on', false) END";

    private static final Duration POOL_WAIT = Duration.ofSeconds(60);

    private final PostgresConfig config;
    private final HikariDataSource pool;
    private final PostgresSchema.Applied schema;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private PostgresDatabase(PostgresConfig config, HikariDataSource pool, PostgresSchema.Applied schema) {
        this.config = config;
        this.pool = pool;
        this.schema = schema;
    }

    /** Connects, brings the database to this build's schema, and returns the open database. */
    public static PostgresDatabase open(PostgresConfig config) {
        return open(config, PostgresSchema.MIGRATIONS);
    }

    /** As {@link #open(PostgresConfig)} with another list of migrations (tests of the mechanism). */
    public static PostgresDatabase open(PostgresConfig config, List<Migration> migrations) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari(config));
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + config.displayUrl() + ": "
                    + rootMessage(e), e);
        }
        try {
            PostgresSchema.Applied schema = PostgresSchema.apply(pool, migrations);
            String server = query(pool, "SHOW server_version");
            String sync = query(pool, "SHOW synchronous_commit");
            log.info("postgresql {} open: server {}, synchronous_commit={}, pool {}, schema v{}{}",
                    config.displayUrl(), server, sync, config.poolSize(), schema.to(),
                    schema.from() == schema.to() ? "" : " (was v" + schema.from() + ")");
            return new PostgresDatabase(config, pool, schema);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open PostgreSQL at " + config.displayUrl() + ": " + e.getMessage(), e);
        }
    }

    private static HikariConfig hikari(PostgresConfig config) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            h.setUsername(config.user());
        }
        if (config.password() != null) {
            h.setPassword(config.password());
        }
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(Math.min(2, config.poolSize()));
        // Waiting for a free connection is queueing, as behind SQLite's single writer: under a burst it must
        // delay a request, not fail it (a request fails only when the database is truly gone)
        h.setConnectionTimeout(POOL_WAIT.toMillis());
        h.setInitializationFailTimeout(config.connectTimeout().toMillis());
        h.setConnectionInitSql(SESSION_INIT);
        h.setPoolName("nymdir-postgres");
        h.addDataSourceProperty("ApplicationName", "nymdir");
        // the driver retries nothing by itself; a lost connection surfaces as SQLException -> StoreException
        h.addDataSourceProperty("tcpKeepAlive", "true");
        h.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        // a constraint error would otherwise quote the row's values (names, texts) in its message
        h.addDataSourceProperty("logServerErrorDetail", "false");
        return h;
    }

    /**
     * Runs {@code work} in a transaction and returns after COMMIT; on any exception the transaction is rolled
     * back and a {@code SQLException} becomes a {@link StoreException}. Work that decides to change nothing
     * may roll back itself and return: the commit that follows is empty.
     */
    public <T> T write(PgWork<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c, e);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw failure("write", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs {@code work} on an autocommit connection: sees every write whose call has returned. */
    public <T> T read(PgWork<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The pool, for a connection that lives outside it (LISTEN) or tools that copy data in. */
    DataSource dataSource() {
        return pool;
    }

    public PostgresConfig config() {
        return config;
    }

    /** Schema version of the database now, and before this open. */
    public PostgresSchema.Applied schema() {
        return schema;
    }

    /** Waits for operations in flight, then closes every connection. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pool.close();
            log.info("postgresql {} closed", config.displayUrl());
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("postgresql database is closed", null);
        }
    }

    private StoreException failure(String what, SQLException e) {
        // SQLState, not the message alone: server messages may quote a value (never ours to log)
        return new StoreException("postgresql " + what + " failed (SQLState " + e.getSQLState() + "): "
                + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String query(DataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
