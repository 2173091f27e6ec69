package org.nymdir.store.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open the SQLite database. Immutable and validated on construction (fail fast, never clamp).
 *
 * @param path            the database file ({@code DATABASE_PATH}); its parent directories are created
 * @param synchronous     when a commit counts as durable; {@link Synchronous#FULL} (default) fsyncs the WAL on
 *                        every commit, so a "success" reply survives a power cut
 * @param busyTimeout     how long a connection waits for a lock held by another connection or process
 * @param readConnections size of the reader pool; readers run alongside the single writer in WAL mode
 * @param maxBatch        group commit: at most this many queued writes share one transaction (1 = off)
 * @param queueCapacity   writes waiting for the writer; callers block when it is full (back-pressure)
 * @param freeSpaceFloor  bytes new mail must leave free on the database's file system (0: none); below it the
 *                        mailbox refuses new mail ({@link FreeSpaceFloor})
 */
public record SqliteConfig(Path path, Synchronous synchronous, Duration busyTimeout, int readConnections,
                           int maxBatch, int queueCapacity, long freeSpaceFloor) {

    /** SQLite's {@code PRAGMA synchronous} levels. */
    public enum Synchronous {
        /** No fsync: fastest, a crash of the OS may lose recent commits. Tests and benchmarks only. */
        OFF,
        /** In WAL mode: commits survive a process crash, an OS crash may lose the last ones. */
        NORMAL,
        /** In WAL mode: every commit is fsynced before it returns. */
        FULL,
        /** Like FULL, plus an fsync of the directory after a journal is deleted. */
        EXTRA
    }

    public static final Synchronous DEFAULT_SYNCHRONOUS = Synchronous.FULL;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_READ_CONNECTIONS = 4;
    public static final int DEFAULT_MAX_BATCH = 256;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    public SqliteConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (path.toString().isBlank() || path.toString().startsWith(":memory:")) {
            // every connection of the pool must see the same database, so it has to be a file
            throw new IllegalArgumentException("SQLite path must name a file, got '" + path + "'");
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
        }
        if (readConnections < 1 || readConnections > 64) {
            throw new IllegalArgumentException("readConnections must be 1..64, got " + readConnections);
        }
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("maxBatch must be 1..10000, got " + maxBatch);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
        }
        if (freeSpaceFloor < 0) {
            throw new IllegalArgumentException("freeSpaceFloor must be >= 0, got " + freeSpaceFloor);
        }
    }

    /**
     * The defaults for a database file: FULL sync, 10 s busy timeout, 4 readers, group commit of 256, no
     * free-space floor (serve sets one: NYMDIR_FREE_SPACE_FLOOR).
     */
    public static SqliteConfig defaults(Path path) {
        return new SqliteConfig(path, DEFAULT_SYNCHRONOUS, DEFAULT_BUSY_TIMEOUT, DEFAULT_READ_CONNECTIONS,
                DEFAULT_MAX_BATCH, DEFAULT_QUEUE_CAPACITY, 0);
    }

    public SqliteConfig withSynchronous(Synchronous value) {
        return new SqliteConfig(path, value, busyTimeout, readConnections, maxBatch, queueCapacity, freeSpaceFloor);
    }

    public SqliteConfig withBusyTimeout(Duration value) {
        return new SqliteConfig(path, synchronous, value, readConnections, maxBatch, queueCapacity, freeSpaceFloor);
    }

    public SqliteConfig withReadConnections(int value) {
        return new SqliteConfig(path, synchronous, busyTimeout, value, maxBatch, queueCapacity, freeSpaceFloor);
    }

    public SqliteConfig withMaxBatch(int value) {
        return new SqliteConfig(path, synchronous, busyTimeout, readConnections, value, queueCapacity, freeSpaceFloor);
    }

    public SqliteConfig withQueueCapacity(int value) {
        return new SqliteConfig(path, synchronous, busyTimeout, readConnections, maxBatch, value, freeSpaceFloor);
    }

    public SqliteConfig withFreeSpaceFloor(long value) {
        return new SqliteConfig(path, synchronous, busyTimeout, readConnections, maxBatch, queueCapacity, value);
    }
}
