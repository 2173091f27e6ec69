package org.nymdir.store.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import org.nymdir.store.Migration;
import org.nymdir.store.PrivateFiles;
import org.nymdir.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite database file, shared by every SQLite-backed store (users, mailbox, presence): one writer
 * connection behind a {@link WriteQueue} (group commit), a {@link ReadPool} of query-only connections, and
 * the {@link Migrations} applied on open.
 *
 * <p>Every connection runs with WAL, the configured {@code synchronous} level, a busy timeout (another
 * process, or a second store on the same file, may hold the write lock for a while) and foreign keys on.
 * The journal mode is switched to WAL once and stays in the file; the original Python server can still
 * open such a file.
 *
 * <p>Files: a new database file is created 0600 in folders created 0700 ({@link PrivateFiles}); SQLite gives
 * its {@code -wal} and {@code -shm} files the database file's mode.
 */
public final class SqliteDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

    private final SqliteConfig config;
    private final SqlConnection writer;
    private final WriteQueue writes;
    private final ReadPool reads;
    private final Migrations.Applied schema;
    private final FreeSpaceFloor floor;
    // every operation holds the read side; close() takes the write side, so it waits for operations in
    // flight and no operation can start on a closed connection
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private SqliteDatabase(SqliteConfig config, SqlConnection writer, Migrations.Applied schema,
                           List<SqlConnection> readers, FreeSpaceFloor floor) {
        this.config = config;
        this.writer = writer;
        this.schema = schema;
        this.floor = floor;
        this.reads = new ReadPool(readers);
        this.writes = new WriteQueue(writer, floor, config.maxBatch(), config.queueCapacity(),
                "nymdir-sqlite-writer");
    }

    /** Opens (or creates) the file and brings it to this build's schema. */
    public static SqliteDatabase open(SqliteConfig config) {
        return open(config, Migrations.SQLITE);
    }

    /** As {@link #open(SqliteConfig)} with another list of migrations (tests of the mechanism). */
    public static SqliteDatabase open(SqliteConfig config, List<Migration> migrations) {
        return open(config, migrations, null);
    }

    /**
     * As {@link #open(SqliteConfig)}, with what the free-space floor reads as the free bytes: a test's seam
     * ({@code null}: the file system's usable space).
     */
    public static SqliteDatabase open(SqliteConfig config, LongSupplier usableBytes) {
        return open(config, Migrations.SQLITE, usableBytes);
    }

    private static SqliteDatabase open(SqliteConfig config, List<Migration> migrations, LongSupplier usableBytes) {
        Path path = config.path().toAbsolutePath();
        List<SqlConnection> opened = new ArrayList<>();
        try {
            PrivateFiles.createFile(path);
            FreeSpaceFloor floor = usableBytes == null ? FreeSpaceFloor.onDisk(path, config.freeSpaceFloor())
                    : new FreeSpaceFloor(path, config.freeSpaceFloor(), usableBytes);
            SqlConnection writer = connect(path, config, false);
            opened.add(writer);
            String mode = writer.queryString("PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                // e.g. a file system without shared memory; still correct, readers just wait for the writer
                log.warn("sqlite {}: WAL not available, journal mode is {}", path, mode);
            }
            Migrations.Applied schema = Migrations.apply(writer, migrations);
            List<SqlConnection> readers = new ArrayList<>();
            for (int i = 0; i < config.readConnections(); i++) {
                SqlConnection reader = connect(path, config, true);
                opened.add(reader);
                readers.add(reader);
            }
            log.info("sqlite {} open: journal={} synchronous={} schema v{}{}", path, mode,
                    config.synchronous(), schema.to(),
                    schema.from() == schema.to() ? "" : " (was v" + schema.from() + ")");
            return new SqliteDatabase(config, writer, schema, readers, floor);
        } catch (SQLException | IOException | RuntimeException e) {
            closeAll(opened);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open sqlite database " + path + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in the next write transaction and returns once it is committed. */
    public <T> T write(SqlWork<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return join(writes.submit(work));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Queues {@code work} and returns at once; the future completes after COMMIT (or fails with
     * {@link StoreException}). For callers that want to go on while the batch syncs.
     */
    public <T> CompletableFuture<T> submitWrite(SqlWork<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return writes.submit(work);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs {@code work} on a reader connection: sees every write whose call has returned. */
    public <T> T read(SqlWork<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return reads.read(work);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    public SqliteConfig config() {
        return config;
    }

    /** The free space new mail must leave on this database's file system. */
    public FreeSpaceFloor freeSpaceFloor() {
        return floor;
    }

    /** Schema version of the file now, and before this open. */
    public Migrations.Applied schema() {
        return schema;
    }

    /** Write counters since open (group-commit batching, fallbacks). */
    public WriteStats writeStats() {
        return writes.stats();
    }

    /** Finishes queued writes, then closes every connection (SQLite checkpoints the WAL on the last one). */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writes.close();
            reads.close();
            closeAll(List.of(writer));
            log.info("sqlite {} closed ({})", config.path(), writeStats());
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("sqlite database is closed", null);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join(); // uninterruptible: the write may already be committing
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StoreException("write failed", cause);
        }
    }

    private static SqlConnection connect(Path path, SqliteConfig config, boolean reader) throws SQLException {
        // No generated keys: nothing here asks for them, and the driver otherwise matches every executed
        // update's SQL against a regular expression to prepare them (a regex match and its arrays per write).
        SQLiteConfig driver = new SQLiteConfig();
        driver.setGetGeneratedKeys(false);
        SqlConnection db = new SqlConnection(DriverManager.getConnection("jdbc:sqlite:" + path,
                driver.toProperties()));
        try {
            db.execute("PRAGMA busy_timeout = " + config.busyTimeout().toMillis());
            db.execute("PRAGMA foreign_keys = ON");
            db.execute("PRAGMA synchronous = " + config.synchronous().name());
            if (reader) {
                db.execute("PRAGMA query_only = ON"); // a bug that writes through a reader fails loudly
            }
            return db;
        } catch (SQLException e) {
            closeAll(List.of(db));
            throw e;
        }
    }

    static void closeAll(List<SqlConnection> connections) {
        for (SqlConnection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("sqlite: closing a connection failed: {}", e.getMessage());
            }
        }
    }
}
