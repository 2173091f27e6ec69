package org.nymdir.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.nymdir.store.UserRecord;

/**
 * Informal throughput of {@link SqliteUserStore} (not a JMH benchmark; not run by the test suite).
 * Usage: {@code java -cp … SqliteUserStoreBench [dir] [users]}. Prints inserts, tag changes, unchanged-tag
 * updates and lookups per second for 1 and 32 callers, FULL and NORMAL sync, with and without group commit.
 */
public final class SqliteUserStoreBench {

    private interface Op {
        void run(SqliteUserStore store, int i);
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("nymdir-bench");
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String pem = "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(120) + "\n-----END PUBLIC KEY-----\n";
        System.out.printf("%-8s %-7s %5s %-18s %12s %10s%n", "sync", "batch", "thr", "operation", "ops/s", "writes/tx");
        for (SqliteConfig.Synchronous sync : List.of(SqliteConfig.Synchronous.FULL, SqliteConfig.Synchronous.NORMAL)) {
            for (int maxBatch : new int[] {1, 256}) {
                for (int threads : new int[] {1, 32}) {
                    Path file = dir.resolve("bench-" + sync + "-" + maxBatch + "-" + threads + ".db");
                    Files.deleteIfExists(file);
                    SqliteConfig config = SqliteConfig.defaults(file).withSynchronous(sync).withMaxBatch(maxBatch);
                    // one writer with fsync per commit is slow without batching: fewer rows keep runs short
                    int n = maxBatch == 1 && sync == SqliteConfig.Synchronous.FULL ? Math.min(users, 2_000) : users;
                    try (SqliteUserStore store = SqliteUserStore.open(config)) {
                        String label = String.format(Locale.ROOT, "%-8s %-7s %5d", sync, maxBatch == 1 ? "off" : maxBatch, threads);
                        run(label, "insert", store, threads, n,
                                (s, i) -> s.insertUser(new UserRecord("user" + i, pem, "tag" + i)));
                        run(label, "update (changed)", store, threads, n,
                                (s, i) -> s.updateSenderTag("user" + i, "newtag" + i));
                        run(label, "update (same)", store, threads, n,
                                (s, i) -> s.updateSenderTag("user" + i, "newtag" + i));
                        run(label, "find", store, threads, n,
                                (s, i) -> s.findUser("user" + ThreadLocalRandom.current().nextInt(n)));
                    }
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void run(String label, String name, SqliteUserStore store, int threads, int n, Op op)
            throws Exception {
        WriteStats before = store.database().writeStats();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    op.run(store, i);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        WriteStats after = store.database().writeStats();
        long tx = after.transactions() - before.transactions();
        String perTx = tx == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (after.writes() - before.writes()) / (double) tx);
        System.out.printf(Locale.ROOT, "%s %-18s %12.0f %10s%n", label, name, n / seconds, perTx);
    }
}
