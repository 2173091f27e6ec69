package org.nymdir.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nymdir.app.cli.WorkFolder;
import org.nymdir.store.UserRecord;
import org.nymdir.store.sqlite.SqliteConfig;
import org.nymdir.store.sqlite.SqliteUserStore;
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
 * SQLite user store writes as the directory does them: durable (synchronous=FULL), through the group
 * commit. One caller pays a commit (and its fsync) per write; many callers share commits, which is what
 * the directory sees under load. Reads ({@code find}) for comparison. 10,000 users preloaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreBench {
    private static final String PEM = "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(120) + "\n-----END PUBLIC KEY-----\n";
    private static final int USERS = 10_000;

    private Path dir;
    private SqliteUserStore store;
    private final AtomicLong counter = new AtomicLong();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("nymdir-jmh");
        store = SqliteUserStore.open(SqliteConfig.defaults(dir.resolve("users.db")));
        for (int i = 0; i < USERS; i++) {
            store.insertUser(new UserRecord("user" + i, PEM, "tag" + i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        WorkFolder.deleteTree(dir);
    }

    @Benchmark
    @Threads(1)
    public boolean insertOneCaller() {
        long n = counter.incrementAndGet();
        return store.insertUser(new UserRecord("new" + n, PEM, "tag" + n));
    }

    @Benchmark
    @Threads(32)
    public boolean insert32Callers() {
        long n = counter.incrementAndGet();
        return store.insertUser(new UserRecord("new" + n, PEM, "tag" + n));
    }

    @Benchmark
    @Threads(32)
    public boolean updateSenderTag32Callers() {
        long n = counter.incrementAndGet();
        return store.updateSenderTag("user" + (n % USERS), "moved" + n);
    }

    @Benchmark
    @Threads(1)
    public Object find() {
        return store.findUser("user" + (counter.incrementAndGet() % USERS));
    }
}
