package org.nymdir.store.sqlite;

import java.sql.SQLException;

/**
 * A unit of work on one connection, run either on the writer thread (inside a transaction that the
 * {@link WriteQueue} owns: never BEGIN, COMMIT or ROLLBACK in here) or on a borrowed reader.
 *
 * <p>A write may run more than once: when a group-commit batch cannot commit, the batch is rolled back and
 * each write is run again on its own. So the result must depend only on the database, with no effects
 * outside the connection. Nor may it call back into the {@link SqliteDatabase}: on the writer thread a
 * nested write would wait for itself.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(SqlConnection db) throws SQLException;
}
