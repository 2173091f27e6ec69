package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.EnqueueResult;
import org.nymdir.store.MailQuota;
import org.nymdir.store.MailboxMessage;
import org.nymdir.store.UserRecord;
import org.slf4j.LoggerFactory;

/**
 * A disk that fills, for real: SQLite's {@code max_page_count} caps the file, so writes fail with SQLITE_FULL
 * exactly as on a full disk. New mail is refused as {@link EnqueueResult#STORAGE_FULL}, and once there is room
 * again the very next write succeeds on the same connection, without a restart. And the free-space floor, with
 * the file system's free bytes behind a seam.
 */
class DiskFullTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final MailQuota QUOTA = MailQuota.messagesOnly(1_000_000);

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private int n;

    @BeforeEach
    void listen() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(WriteQueue.class)).addAppender(logged);
        ((Logger) LoggerFactory.getLogger(FreeSpaceFloor.class)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(WriteQueue.class)).detachAppender(logged);
        ((Logger) LoggerFactory.getLogger(FreeSpaceFloor.class)).detachAppender(logged);
    }

    private MailboxMessage message() {
        String id = HexFormat.of().formatHex(new byte[12]) + String.format("%08x", n++);
        return new MailboxMessage(id, "bob", "alice", "\"" + "x".repeat(3000) + "\"", null, T0,
                T0.plus(Duration.ofDays(7)));
    }

    private static byte[] key(MailboxMessage m) {
        byte[] k = new byte[32];
        byte[] id = HexFormat.of().parseHex(m.id());
        System.arraycopy(id, 0, k, 0, id.length);
        return k;
    }

    private EnqueueResult enqueue(SqliteMailbox mailbox) {
        MailboxMessage m = message();
        return mailbox.enqueue(m, key(m), QUOTA, null);
    }

    @Test
    void aFullDiskRefusesNewMailAndTheFirstWriteAfterSpaceReturnsSucceeds() {
        SqliteConfig config = SqliteConfig.defaults(dir.resolve("d.db")).withMaxBatch(1);
        try (SqliteDatabase db = SqliteDatabase.open(config); SqliteMailbox mailbox = new SqliteMailbox(db);
             SqliteUserStore users = new SqliteUserStore(db)) {
            long pages = db.read(c -> c.queryLong("PRAGMA page_count"));
            db.write(c -> c.queryLong("PRAGMA max_page_count = " + (pages + 8)));
            int stored = 0;
            EnqueueResult last;
            while ((last = enqueue(mailbox)) == EnqueueResult.STORED) {
                stored++;
                assertThat(stored).as("the file must fill").isLessThan(100);
            }
            assertThat(last).isEqualTo(EnqueueResult.STORAGE_FULL);
            assertThat(enqueue(mailbox)).as("still full").isEqualTo(EnqueueResult.STORAGE_FULL);
            assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("disk full")).hasSize(1)
                    .first().satisfies(e -> assertThat(e.getFormattedMessage()).contains(config.path().toString())
                            .contains("free on its file system").contains("SQLITE_FULL"));

            db.write(c -> c.queryLong("PRAGMA max_page_count = 1000000")); // space returns
            assertThat(enqueue(mailbox)).as("the first send after space returned").isEqualTo(EnqueueResult.STORED);
            assertThat(users.insertUser(new UserRecord("carol", "k", "t"))).isTrue();
            assertThat(mailbox.count("bob")).isEqualTo(stored + 1);
            assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("writes succeed again"));
        }
    }

    @Test
    void aFailedCommitInABatchLeavesTheWriterUsableToo() {
        // group commit on: the failing write shares its transaction with others, which are run again alone
        try (SqliteDatabase db = SqliteDatabase.open(SqliteConfig.defaults(dir.resolve("b.db")));
             SqliteMailbox mailbox = new SqliteMailbox(db)) {
            long pages = db.read(c -> c.queryLong("PRAGMA page_count"));
            db.write(c -> c.queryLong("PRAGMA max_page_count = " + (pages + 8)));
            var results = java.util.stream.IntStream.range(0, 64).parallel().mapToObj(i -> enqueue(mailbox)).toList();
            assertThat(results).contains(EnqueueResult.STORAGE_FULL).doesNotContainNull();
            db.write(c -> c.queryLong("PRAGMA max_page_count = 1000000"));
            assertThat(enqueue(mailbox)).isEqualTo(EnqueueResult.STORED);
        }
    }

    @Test
    void belowTheFloorNewMailIsRefusedAndEverythingElseGoesOn() {
        AtomicLong free = new AtomicLong(10L << 30);
        SqliteConfig config = SqliteConfig.defaults(dir.resolve("f.db")).withFreeSpaceFloor(256L << 20);
        try (SqliteDatabase db = SqliteDatabase.open(config, free::get); SqliteMailbox mailbox = new SqliteMailbox(db);
             SqliteUserStore users = new SqliteUserStore(db)) {
            assertThat(enqueue(mailbox)).isEqualTo(EnqueueResult.STORED);
            free.set(100L << 20);
            assertThat(enqueue(mailbox)).isEqualTo(EnqueueResult.STORAGE_FULL);
            assertThat(enqueue(mailbox)).isEqualTo(EnqueueResult.STORAGE_FULL);
            assertThat(users.insertUser(new UserRecord("dave", "k", "t"))).as("registrations go on").isTrue();
            assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("disk nearly full")).hasSize(1)
                    .first().satisfies(e -> assertThat(e.getFormattedMessage()).contains("100.0 MiB free")
                            .contains(config.path().toAbsolutePath().toString()).contains("256.0 MiB"));
            free.set(1L << 30);
            assertThat(enqueue(mailbox)).as("room again, no restart").isEqualTo(EnqueueResult.STORED);
            assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("room again"));
        }
    }
}
