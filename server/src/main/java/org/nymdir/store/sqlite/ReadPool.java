package org.nymdir.store.sqlite;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nymdir.store.StoreException;

/**
 * A fixed set of query-only connections. In WAL mode each read sees the last committed state and never
 * waits for the writer, so lookups stay fast while a batch is being fsynced. A caller borrows one
 * connection for one {@link SqlWork} and gives it back; when all are busy it waits for one.
 */
final class ReadPool implements AutoCloseable {

    private final List<SqlConnection> all;
    private final BlockingQueue<SqlConnection> idle;

    ReadPool(List<SqlConnection> connections) {
        this.all = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
    }

    <T> T read(SqlWork<T> work) {
        SqlConnection db = borrow();
        try {
            return work.run(db);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            idle.add(db);
        }
    }

    /** Closes every connection; the owner guarantees that none is borrowed any more. */
    @Override
    public void close() {
        SqliteDatabase.closeAll(all);
    }

    private SqlConnection borrow() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return idle.take();
                } catch (InterruptedException e) {
                    interrupted = true; // reads take microseconds; finish this one, keep the flag
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
