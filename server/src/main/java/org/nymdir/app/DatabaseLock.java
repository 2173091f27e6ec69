package org.nymdir.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nymdir.store.PrivateFiles;

/**
 * One {@code serve} per database: an exclusive lock on {@code <DATABASE_PATH>.lock}, held for the process's
 * life and released by the OS when it dies (no stale lock after a crash). A second process is refused at
 * start with the file named, before it opens the database, writes an address file or connects.
 *
 * <p>Why a lock file rather than SQLite's {@code locking_mode=EXCLUSIVE}: exclusive mode keeps out every
 * other connection, our own reader pool included (WAL readers run beside the writer on their own
 * connections), and moves the WAL index to heap memory; and an operator's read-only look with the sqlite3
 * shell, or a backup, would hang on it. The lock file stops exactly what breaks: a second directory.
 */
final class DatabaseLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DatabaseLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails with an IOException that names the database and the lock file. */
    static DatabaseLock acquire(Path database) throws IOException {
        Path file = lockFile(database);
        PrivateFiles.createFile(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (another directory in the same process)
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new CannotStart("DATABASE_PATH=" + database + ": the database " + database.toAbsolutePath()
                    + " is in use by another nymdir process (it holds " + file + "); stop that one first, or give"
                    + " this one its own DATABASE_PATH", null);
        }
        return new DatabaseLock(file, channel, lock);
    }

    /** The lock file held. */
    Path file() {
        return file;
    }

    static Path lockFile(Path database) {
        Path absolute = database.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
