package org.nymdir.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space new mail must leave on the database's file system. Below it the mailbox refuses new mail
 * ({@code error: directory storage full}) while everything else (registrations, logins, presence, acks, which
 * write little or free space) goes on in the room the floor keeps; once space returns, mail is accepted again
 * on the next send. The log says so once per change, with the file and the free bytes.
 */
public final class FreeSpaceFloor {

    private static final Logger log = LoggerFactory.getLogger(FreeSpaceFloor.class);

    private final Path file;
    private final long floorBytes;
    private final LongSupplier usableBytes;
    private final AtomicBoolean below = new AtomicBoolean();

    /**
     * @param file        the database file, for the log
     * @param floorBytes  free bytes to keep (0: no floor)
     * @param usableBytes what is free now: the file system's usable space in production, a test's seam
     */
    public FreeSpaceFloor(Path file, long floorBytes, LongSupplier usableBytes) {
        if (floorBytes < 0) {
            throw new IllegalArgumentException("free-space floor must be >= 0, got " + floorBytes);
        }
        this.file = file.toAbsolutePath();
        this.floorBytes = floorBytes;
        this.usableBytes = usableBytes;
    }

    /** The floor on the file system that holds {@code file} (or would: its nearest existing ancestor). */
    public static FreeSpaceFloor onDisk(Path file, long floorBytes) {
        FileStore store = fileStore(file.toAbsolutePath());
        return new FreeSpaceFloor(file, floorBytes, () -> {
            try {
                return store.getUsableSpace();
            } catch (IOException e) {
                return Long.MAX_VALUE; // cannot tell: let SQLite's own SQLITE_FULL be the judge
            }
        });
    }

    /** No floor at all. */
    public static FreeSpaceFloor none(Path file) {
        return new FreeSpaceFloor(file, 0, () -> Long.MAX_VALUE);
    }

    /** True when new mail may be written; logs each crossing of the floor. */
    boolean allowsNewMail() {
        if (floorBytes == 0) {
            return true;
        }
        long free = usableBytes.getAsLong();
        if (free < floorBytes) {
            if (below.compareAndSet(false, true)) {
                log.error("disk nearly full: {} free on the file system of {}, below the floor of {}"
                                + " (NYMDIR_FREE_SPACE_FLOOR): new mail is refused with 'directory storage full';"
                                + " lookups, logins and registrations go on", mib(free), file, mib(floorBytes));
            }
            return false;
        }
        if (below.compareAndSet(true, false)) {
            log.warn("disk has room again: {} free on the file system of {} (floor {}): new mail is accepted",
                    mib(free), file, mib(floorBytes));
        }
        return true;
    }

    /** The database file this floor guards. */
    public Path file() {
        return file;
    }

    /** Free bytes on the file system now, for log lines. */
    long usableBytes() {
        return usableBytes.getAsLong();
    }

    static String mib(long bytes) {
        return bytes == Long.MAX_VALUE ? "unknown" : String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static FileStore fileStore(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return Files.getFileStore(p == null ? Path.of(".") : p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the file system of " + path, e);
        }
    }
}
