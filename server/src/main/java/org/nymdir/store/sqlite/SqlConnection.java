package org.nymdir.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One JDBC connection with its prepared statements kept for reuse (compiling SQL costs more than running
 * these one-row statements). Owned by one thread at a time: the writer thread, or whoever borrowed it from
 * the {@link ReadPool}; not thread-safe.
 */
public final class SqlConnection implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqlConnection(Connection connection) {
        this.connection = connection;
    }

    /** A prepared statement for {@code sql}, compiled on first use; do not close it. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Closes and forgets every kept statement, so the next {@link #prepare} compiles afresh. Called after a
     * failed write: sqlite-jdbc leaves a statement that failed (SQLITE_FULL, I/O error) unusable ("statement
     * is not executing"), and reusing it would fail every later write of the same SQL until a restart.
     */
    public void forgetStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // closing a broken statement may fail too; it is gone from the cache either way
            }
        }
        statements.clear();
    }

    /** Runs SQL without parameters, possibly several statements (a migration script). */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** The first column of the first row of a query without parameters, e.g. a PRAGMA. */
    public String queryString(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    /** The raw connection, for tests and for work the helpers above do not cover. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        connection.close();
        if (first != null) {
            throw first;
        }
    }
}
