package org.nymdir.store.sqlite;

/**
 * Counters of the writer since the database was opened: committed transactions, committed writes (so
 * {@code writes / transactions} is the mean group-commit batch), and batches that could not commit together
 * and were rerun one write at a time.
 */
public record WriteStats(long transactions, long writes, long fallbacks) {
}
