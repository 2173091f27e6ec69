package org.nymdir.store.sqlite;

import java.sql.SQLException;
import java.util.List;
import org.nymdir.store.Migration;
import org.nymdir.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database file to the schema this build expects.
 *
 * <p>The version lives in {@code PRAGMA user_version}: it is part of the database header, so setting it
 * commits or rolls back with the migration's own DDL, and the original Python server leaves it at 0. A file
 * made by the original is therefore "version 0 with the tables of V1 already there"; V1 only says
 * {@code CREATE TABLE IF NOT EXISTS}, so on such a file it changes nothing but the version.
 *
 * <p>Rules for new steps: append, never edit a released one; keep the original's {@code users} and
 * {@code groups} tables as they are (the original reads {@code SELECT *} by position, and an operator may go
 * back to it): prefer new tables keyed by username over new columns, and never rebuild a table.
 *
 * <p>Hand-written rather than Flyway or Liquibase on purpose: the file is the original's too, so it gets no
 * history table of a tool's, the version lives where the original leaves 0, and an original database must
 * open as it is; a dozen lines do that, a migration tool would fight it.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /**
     * Every step, in order: V1 the original's tables, V2 the mailbox and presence of durable relay, V3 the
     * storage quotas' counters and correspondence keys, V4 the users an operator blocked, V5 name skeletons.
     */
    public static final List<Migration> SQLITE = List.of(
            Migration.of("db/sqlite/V1__users.sql"),
            Migration.of("db/sqlite/V2__mailbox.sql"),
            Migration.of("db/sqlite/V3__mail_quotas.sql"),
            Migration.of("db/sqlite/V4__blocked.sql"),
            Migration.of("db/sqlite/V5__name_skeletons.sql"));

    /** Schema versions before and after {@link #apply}. */
    public record Applied(int from, int to) {
    }

    private Migrations() {
    }

    /** The version this build brings a database to. */
    public static int latest(List<Migration> migrations) {
        return migrations.isEmpty() ? 0 : migrations.getLast().version();
    }

    /**
     * Applies the missing steps, each in its own {@code BEGIN IMMEDIATE} transaction that re-reads the version
     * first, so two processes opening one new file at once cannot both apply a step.
     */
    static Applied apply(SqlConnection db, List<Migration> migrations) {
        Migration.requireSequence(migrations);
        int latest = latest(migrations);
        try {
            int from = version(db);
            if (from > latest) {
                throw new StoreException("database schema is v" + from + ", newer than this build knows (v"
                        + latest + "); refusing to touch it", null);
            }
            for (Migration m : migrations) {
                if (m.version() > from) {
                    applyOne(db, m);
                }
            }
            return new Applied(from, version(db));
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    private static void applyOne(SqlConnection db, Migration m) throws SQLException {
        String sql = m.sql();
        db.execute("BEGIN IMMEDIATE");
        try {
            if (version(db) < m.version()) {
                db.execute(sql);
                // a PRAGMA takes no bound parameters; the version is an int from our own list
                db.execute("PRAGMA user_version = " + m.version());
                log.info("sqlite schema: applied {}", m.resource());
            }
            db.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            try {
                db.execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw new StoreException("schema migration " + m.resource() + " failed: " + e.getMessage(), e);
        }
    }

    static int version(SqlConnection db) throws SQLException {
        return (int) db.queryLong("PRAGMA user_version");
    }
}
