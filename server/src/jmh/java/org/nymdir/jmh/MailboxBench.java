package org.nymdir.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nymdir.app.cli.WorkFolder;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteDatabase;
import org.nymdir.store.sqlite.SqliteMailbox;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The relay's store stage on SQLite as served (synchronous=FULL, group commit): a message committed to its
 * recipient's mailbox (replay check, quota, insert), then removed as when the link reported it handed over,
 * and the read that looks for more mail after a hand-off ({@code pendingEmpty}). One caller pays a commit and
 * its fsync per write; 32 share commits, as the directory's request workers do under load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MailboxBench {
    private static final String BODY = "{\"encryptedPayload\": \"" + "A".repeat(344) + "\", \"iv\": \"AAAAAAAAAAAAAAAA\"}";
    private static final int RECIPIENTS = 1_000;

    private Path dir;
    private SqliteDatabase database;
    private SqliteMailbox mailbox;
    private final AtomicLong counter = new AtomicLong();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("nymdir-jmh");
        database = SqliteDatabase.open(SqliteConfig.defaults(dir.resolve("mail.db")));
        mailbox = new SqliteMailbox(database);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        database.close();
        WorkFolder.deleteTree(dir);
    }

    @Benchmark
    @Threads(1)
    public EnqueueResult enqueueRemoveOneCaller() {
        return relay();
    }

    @Benchmark
    @Threads(32)
    public EnqueueResult enqueueRemove32Callers() {
        return relay();
    }

    @Benchmark
    @Threads(1)
    public List<MailboxMessage> pendingEmpty() {
        return mailbox.pending("nobody" + counter.incrementAndGet() % RECIPIENTS, 32);
    }

    private EnqueueResult relay() {
        long n = counter.incrementAndGet();
        String recipient = "user" + n % RECIPIENTS;
        String id = HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(n).putLong(~n).array());
        Instant now = Instant.now();
        EnqueueResult result = mailbox.enqueue(new MailboxMessage(id, recipient, "alice", BODY, null, now,
                now.plus(Duration.ofDays(7))), ByteBuffer.allocate(32).putLong(n).array(), 1000);
        mailbox.remove(recipient, List.of(id));
        return result;
    }
}
