package org.nymdir.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.Mailbox;
import org.nymdir.store.MailboxMessage;

/**
 * Informal throughput of {@link SqliteMailbox} (not a JMH benchmark; not run by the test suite). Usage:
 * {@code java -cp … SqliteMailboxBench [dir] [messages]}. With FULL sync and group commit, for 1 and 32
 * callers: enqueue (~300-byte body, 1,000 recipients), pending (oldest 50 of a recipient), remove (one id per
 * call, as a v1 delivery does) and remove of a recipient's whole backlog in one ack; prints operations per
 * second and writes per transaction. {@code messages} should be a multiple of 1,000.
 */
public final class SqliteMailboxBench {

    private interface Op {
        void run(int i);
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("nymdir-bench");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int recipients = 1_000;
        String body = "{\"encryptedPayload\":\"" + "A".repeat(260) + "\"}";
        Instant t0 = Instant.now();
        System.out.printf("%5s %-22s %12s %10s%n", "thr", "operation", "ops/s", "writes/tx");
        for (int threads : new int[] {1, 32}) {
            Path file = dir.resolve("mailbox-bench-" + threads + ".db");
            Files.deleteIfExists(file);
            try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(file));
                 SqliteMailbox mailbox = new SqliteMailbox(db)) {
                String[] ids = new String[n];
                HexFormat hex = HexFormat.of();
                for (int i = 0; i < n; i++) {
                    ids[i] = hex.formatHex(longBytes(i, 0x5eed)); // 16 bytes, like the directory's random ids
                }
                run(db, threads, "enqueue", n, i -> {
                    MailboxMessage m = new MailboxMessage(ids[i], "user" + i % recipients, "alice", body, null,
                            t0.plusMillis(i), t0.plus(Duration.ofDays(7)));
                    if (mailbox.enqueue(m, hex.parseHex(ids[i] + ids[i]), 1_000) != EnqueueResult.STORED) {
                        throw new IllegalStateException("not stored");
                    }
                });
                run(db, threads, "pending (50)", n, i ->
                        mailbox.pending("user" + ThreadLocalRandom.current().nextInt(recipients), 50));
                run(db, threads, "remove (1 id)", n / 2, i ->
                        mailbox.remove("user" + (2 * i) % recipients, List.of(ids[2 * i])));
                // the odd-numbered recipients still hold every message they got: each acks all at once
                int perRecipient = n / recipients;
                run(db, threads, "remove (ack of " + perRecipient + ")", recipients / 2, i -> {
                    int r = 2 * i + 1;
                    List<String> ack = new ArrayList<>();
                    for (int k = 0; k < perRecipient; k++) {
                        ack.add(ids[r + k * recipients]);
                    }
                    if (mailbox.remove("user" + r, ack) != perRecipient) {
                        throw new IllegalStateException("ack removed too little");
                    }
                });
                System.out.printf("      left in mailbox: %d%n", mailbox.size());
            }
            Files.deleteIfExists(file);
        }
    }

    private static byte[] longBytes(long a, long b) {
        byte[] out = new byte[16];
        for (int k = 0; k < 8; k++) {
            out[k] = (byte) (a >>> (8 * k));
            out[8 + k] = (byte) (b >>> (8 * k));
        }
        return out;
    }

    private static void run(SqliteDatabase db, int threads, String name, int n, Op op) throws Exception {
        WriteStats before = db.writeStats();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    op.run(i);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        WriteStats after = db.writeStats();
        long tx = after.transactions() - before.transactions();
        String perTx = tx == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (after.writes() - before.writes()) / (double) tx);
        System.out.printf(Locale.ROOT, "%5d %-22s %12.0f %10s%n", threads, name, n / seconds, perTx);
    }
}
