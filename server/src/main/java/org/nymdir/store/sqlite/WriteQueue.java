package org.nymdir.store.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.nymdir.store.StorageFullException;
import org.nymdir.store.StoreException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way to write: one thread owns the writer connection and drains a bounded queue of {@link SqlWork}
 * (group commit). Everything queued while the previous commit was syncing goes into the next transaction,
 * up to {@code maxBatch}; each caller's future completes only after that transaction's COMMIT returned, so
 * "success" is still sent only for committed writes, while one fsync is shared by the whole batch. No write
 * waits on purpose: an idle writer commits a lone write at once.
 *
 * <p>Isolation inside a batch: each write of a batch of several runs under its own SAVEPOINT, so a write that
 * fails is undone alone and only its caller sees the error (a write alone is undone with its transaction).
 * If the batch as a whole cannot commit (a deferred constraint, I/O error, SQLite rolled the transaction back
 * by itself), it is rolled back and every write is run again in a transaction of its own, so an innocent
 * write is never failed because of a neighbour.
 *
 * <p>A full disk (SQLITE_FULL, or the database's size limit) fails only the writes that needed room, as a
 * {@link StorageFullException}: the transaction is rolled back and the connection's statements are compiled
 * afresh (sqlite-jdbc leaves a statement that failed unusable), so the first write after space returns
 * succeeds without a restart. The log says when writes start failing for want of space (with the file and the
 * free bytes) and when they succeed again.
 *
 * <p>Hand-written on purpose: this is what makes "success" mean "committed" (the relay's promise) at one
 * fsync per batch; no pool or executor gives a transaction per batch with a savepoint per write and a retry
 * alone. Its queue is bounded in writes; the bytes they hold are bounded upstream (each write belongs to a
 * request still counted in the request lanes).
 */
final class WriteQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> future) {
        void finish(Object result, Throwable failure) {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                @SuppressWarnings("unchecked") T value = (T) result;
                future.complete(value);
            }
        }
    }

    private static final Task<Void> STOP = new Task<>(db -> null, new CompletableFuture<>());

    private final SqlConnection db;
    private final FreeSpaceFloor disk;
    private boolean full; // the last write that failed did so for want of space, and none succeeded since
    private final int maxBatch;
    private final BlockingQueue<Task<?>> queue;
    private final Thread thread;
    // submit() holds the read side while it checks "closed" and enqueues, close() the write side to set it:
    // so nothing can be enqueued behind STOP, where no one would ever complete it
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    WriteQueue(SqlConnection writer, FreeSpaceFloor disk, int maxBatch, int capacity, String threadName) {
        this.db = writer;
        this.disk = disk;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for STOP
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::drain);
        thread.start();
    }

    /** Queues a write; blocks while the queue is full. The future fails with StoreException if closed. */
    <T> CompletableFuture<T> submit(SqlWork<T> work) {
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                task.future().completeExceptionally(new StoreException("store is closed", null));
            } else {
                putUninterruptibly(task);
            }
        } finally {
            gate.readLock().unlock();
        }
        return task.future();
    }

    WriteStats stats() {
        return new WriteStats(transactions.get(), writes.get(), fallbacks.get());
    }

    /** Runs every write already queued, then stops the writer thread. Does not close the connection. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            putUninterruptibly(STOP);
        } finally {
            gate.writeLock().unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        boolean stop = false;
        while (!stop) {
            batch.add(takeUninterruptibly());
            queue.drainTo(batch, maxBatch - 1);
            if (batch.getLast() == STOP) { // STOP is always the last thing ever queued
                batch.removeLast();
                stop = true;
            }
            try {
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
            } catch (Throwable t) { // never leave a caller hanging, whatever went wrong
                log.error("sqlite writer failed a batch of {} writes", batch.size(), t);
                rollbackQuietly(); // the next batch must not start inside this one's transaction
                for (Task<?> task : batch) {
                    task.future().completeExceptionally(t);
                }
                if (t instanceof VirtualMachineError e) {
                    throw e; // out of memory: the callers know; the process's handler ends the process
                }
            }
            batch.clear();
        }
    }

    private void runBatch(List<Task<?>> batch) {
        int n = batch.size();
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        try {
            db.prepare("BEGIN IMMEDIATE").execute();
        } catch (SQLException e) {
            StoreException failure = failed("cannot start a write transaction", e);
            rollbackQuietly();
            batch.forEach(task -> task.future().completeExceptionally(failure));
            return;
        }
        boolean broken = false;
        // A write alone needs no savepoint: if it fails, the whole transaction is rolled back instead (the
        // same outcome, without two statements and an empty commit). A lone write is the usual batch at low
        // rates, where every statement saved is per relay.
        boolean alone = n == 1;
        for (int i = 0; i < n && !broken; i++) {
            try {
                if (!alone) {
                    db.prepare("SAVEPOINT w").execute();
                }
                results[i] = batch.get(i).work().run(db);
                if (!alone) {
                    db.prepare("RELEASE w").execute();
                }
            } catch (VirtualMachineError e) {
                throw e; // not this write's failure: the whole batch fails (above)
            } catch (Throwable t) {
                failures[i] = t instanceof SQLException e ? failed("write failed", e) : t;
                if (t instanceof SQLException) {
                    db.forgetStatements(); // the statement that failed cannot run again
                }
                broken = alone || !undoSavepoint();
            }
        }
        if (!broken) {
            try {
                db.prepare("COMMIT").execute();
                transactions.incrementAndGet();
                for (int i = 0; i < n; i++) {
                    if (failures[i] == null) {
                        writes.incrementAndGet();
                        roomAgain();
                    }
                    batch.get(i).finish(results[i], failures[i]);
                }
                return;
            } catch (SQLException e) {
                if (n == 1) {
                    rollbackQuietly();
                    batch.getFirst().future().completeExceptionally(failed("commit failed", e));
                    return;
                }
            }
        }
        rollbackQuietly();
        if (n == 1) {
            batch.getFirst().finish(null, failures[0]);
            return;
        }
        fallbacks.incrementAndGet();
        for (Task<?> task : batch) {
            runBatch(List.of(task)); // alone, each write commits or fails on its own merits
        }
    }

    /** Undoes the failed write's statements; false when the transaction itself is gone or unusable. */
    private boolean undoSavepoint() {
        try {
            db.prepare("ROLLBACK TO w").execute();
            db.prepare("RELEASE w").execute();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void rollbackQuietly() {
        db.forgetStatements(); // a statement that failed cannot run again, and an active one blocks ROLLBACK
        try {
            db.prepare("ROLLBACK").execute();
        } catch (SQLException e) {
            // "no transaction is active": SQLite already rolled it back itself
            log.debug("rollback: {}", e.getMessage());
        }
    }

    /** The failure a caller sees; a write that failed for want of space is logged once until one succeeds. */
    private StoreException failed(String what, SQLException e) {
        if (!isFull(e)) {
            return new StoreException(what + ": " + e.getMessage(), e);
        }
        if (!full) {
            full = true;
            log.error("sqlite {}: disk full, a write failed ({}); {} free on its file system; new mail is refused"
                    + " with 'directory storage full' until space returns", disk.file(), e.getMessage(),
                    FreeSpaceFloor.mib(disk.usableBytes()));
        }
        return new StorageFullException(what + ": " + e.getMessage(), e);
    }

    private void roomAgain() {
        if (full) {
            full = false;
            log.warn("sqlite {}: writes succeed again ({} free)", disk.file(), FreeSpaceFloor.mib(disk.usableBytes()));
        }
    }

    /** SQLITE_FULL (disk full or max_page_count reached), or an I/O error that is a full disk. */
    static boolean isFull(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
        }
        String message = e.getMessage();
        return message != null && (message.contains("SQLITE_FULL") || message.contains("disk is full")
                || message.contains("No space left"));
    }

    private void putUninterruptibly(Task<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(task);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the write must not be half-submitted; keep the flag for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Task<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // nobody but close() stops this thread, and it does so with STOP
            }
        }
    }
}
