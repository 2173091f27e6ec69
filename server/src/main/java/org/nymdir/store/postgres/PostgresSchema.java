package org.nymdir.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.nymdir.store.Migration;
import org.nymdir.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL database (its current schema, i.e. the first of the search path) to the schema this
 * build expects. The version lives in the table {@code nymdir_schema}; each step runs in one transaction
 * with its DDL (PostgreSQL's DDL is transactional) under an advisory lock, so several nodes starting at
 * once on a new database apply each step exactly once. Rules for new steps: append, never edit a released
 * one.
 */
public final class PostgresSchema {

    private static final Logger log = LoggerFactory.getLogger(PostgresSchema.class);
    /** Every step, in order. */
    public static final List<Migration> MIGRATIONS = List.of(Migration.of("db/postgres/V1__directory.sql"),
            Migration.of("db/postgres/V2__mail_quotas.sql"), Migration.of("db/postgres/V3__blocked.sql"),
            Migration.of("db/postgres/V4__name_skeletons.sql"));
    // any constant: the advisory lock is per database, and names "someone is migrating nymdir here"
    private static final long MIGRATION_LOCK = 0x6e796d646972L; // "nymdir"

    /** Schema versions before and after {@link #apply}. */
    public record Applied(int from, int to) {
    }

    private PostgresSchema() {
    }

    static Applied apply(DataSource pool, List<Migration> migrations) throws SQLException {
        Migration.requireSequence(migrations);
        int latest = migrations.isEmpty() ? 0 : migrations.getLast().version();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                int from = lockedVersion(c);
                if (from > latest) {
                    throw new StoreException("database schema is v" + from + ", newer than this build knows (v"
                            + latest + "); refusing to touch it", null);
                }
                int version = from;
                for (Migration m : migrations) {
                    if (m.version() > version) {
                        applyOne(c, m);
                        version = m.version();
                    }
                }
                c.commit();
                return new Applied(from, version);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Takes the migration lock for this transaction, creates the version table if need be, reads it. */
    private static int lockedVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            st.execute("CREATE TABLE IF NOT EXISTS nymdir_schema (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM nymdir_schema")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void applyOne(Connection c, Migration m) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(m.sql());
        } catch (SQLException e) {
            throw new StoreException("schema migration " + m.resource() + " failed: " + e.getMessage(), e);
        }
        try (PreparedStatement record = c.prepareStatement("INSERT INTO nymdir_schema (version) VALUES (?)")) {
            record.setInt(1, m.version());
            record.executeUpdate();
        }
        log.info("postgresql schema: applied {}", m.resource());
    }

    /** The schema version of a database, 0 when nymdir never ran on it. */
    public static int version(PostgresDatabase db) {
        return db.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM nymdir_schema")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
