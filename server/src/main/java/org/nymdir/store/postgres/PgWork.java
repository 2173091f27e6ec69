package org.nymdir.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on one pooled connection: in a transaction for {@link PostgresDatabase#write}, autocommit for reads. */
@FunctionalInterface
public interface PgWork<T> {
    T run(Connection c) throws SQLException;
}
