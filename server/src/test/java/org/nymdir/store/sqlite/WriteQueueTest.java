package org.nymdir.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nymdir.store.StoreException;
import org.nymdir.testing.Race;

/**
 * Group commit: writes queued while the writer is busy share the next transaction; each caller hears back
 * only after COMMIT; one bad write never fails its neighbours. The writer is held busy with a write that
 * waits on a latch, so the batches are deterministic.
 */
class WriteQueueTest {

    @TempDir
    Path dir;
    SqliteDatabase db;
    final CountDownLatch writerBusy = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() {
        db = open(SqliteConfig.defaults(dir.resolve("q.db")));
    }

    @AfterEach
    void close() {
        release.countDown();
        db.close();
    }

    private SqliteDatabase open(SqliteConfig config) {
        SqliteDatabase opened = SqliteDatabase.open(config);
        opened.write(c -> {
            c.execute("CREATE TABLE IF NOT EXISTS items (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
            c.execute("CREATE TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY)");
            c.execute("CREATE TABLE IF NOT EXISTS child (id INTEGER PRIMARY KEY,"
                    + " parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
            return null;
        });
        return opened;
    }

    private CompletableFuture<Object> holdTheWriter() throws InterruptedException {
        CompletableFuture<Object> blocker = db.submitWrite(c -> {
            writerBusy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
        return blocker;
    }

    private static SqlWork<Boolean> insert(String k) {
        return c -> {
            PreparedStatement ps = c.prepare("INSERT INTO items (k, v) VALUES (?, 'v') ON CONFLICT DO NOTHING");
            ps.setString(1, k);
            return ps.executeUpdate() == 1;
        };
    }

    private boolean present(String k) {
        return db.read(c -> {
            PreparedStatement ps = c.prepare("SELECT 1 FROM items WHERE k = ?");
            ps.setString(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Test
    void writesQueuedBehindABusyWriterShareOneTransaction() throws Exception {
        WriteStats before = db.writeStats();
        CompletableFuture<Object> blocker = holdTheWriter();
        List<CompletableFuture<Boolean>> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queued.add(db.submitWrite(insert("k" + i)));
        }
        assertThat(queued).noneMatch(CompletableFuture::isDone);
        release.countDown();
        blocker.join();
        for (CompletableFuture<Boolean> f : queued) {
            assertThat(f.join()).isTrue();
        }
        WriteStats after = db.writeStats();
        assertThat(after.transactions() - before.transactions()).isEqualTo(2);
        assertThat(after.writes() - before.writes()).isEqualTo(101);
    }

    @Test
    void aBatchNeverExceedsMaxBatch() throws Exception {
        db.close();
        db = open(SqliteConfig.defaults(dir.resolve("small.db")).withMaxBatch(10));
        WriteStats before = db.writeStats();
        holdTheWriter();
        List<CompletableFuture<Boolean>> queued = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            queued.add(db.submitWrite(insert("k" + i)));
        }
        release.countDown();
        queued.forEach(CompletableFuture::join);
        assertThat(db.writeStats().transactions() - before.transactions()).isEqualTo(1 + 10);
    }

    @Test
    void aFailingWriteIsUndoneAloneAndOnlyItsCallerHearsOfIt() throws Exception {
        holdTheWriter();
        CompletableFuture<Boolean> a = db.submitWrite(insert("a"));
        CompletableFuture<Boolean> bad = db.submitWrite(c -> {
            insert("b").run(c);
            c.execute("INSERT INTO no_such_table VALUES (1)");
            return true;
        });
        CompletableFuture<Boolean> buggy = db.submitWrite(c -> {
            insert("b2").run(c);
            throw new IllegalStateException("a bug in the caller's work");
        });
        CompletableFuture<Boolean> c = db.submitWrite(insert("c"));
        WriteStats before = db.writeStats();
        release.countDown();
        assertThat(a.join()).isTrue();
        assertThat(c.join()).isTrue();
        assertThatThrownBy(bad::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThatThrownBy(buggy::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(present("a")).isTrue();
        assertThat(present("c")).isTrue();
        assertThat(present("b")).as("the failed write's first statement is undone").isFalse();
        assertThat(present("b2")).isFalse();
        assertThat(db.writeStats().fallbacks()).isEqualTo(before.fallbacks());
    }

    @Test
    void aBatchThatCannotCommitIsRerunOneByOne() throws Exception {
        holdTheWriter();
        CompletableFuture<Boolean> a = db.submitWrite(insert("a"));
        CompletableFuture<Boolean> orphan = db.submitWrite(c -> {
            c.execute("INSERT INTO child (id, parent) VALUES (1, 42)"); // fails only at COMMIT (deferred)
            return true;
        });
        CompletableFuture<Boolean> c = db.submitWrite(insert("c"));
        long fallbacks = db.writeStats().fallbacks();
        release.countDown();
        assertThat(a.join()).isTrue();
        assertThat(c.join()).isTrue();
        assertThatThrownBy(orphan::join).hasCauseInstanceOf(StoreException.class);
        assertThat(db.writeStats().fallbacks()).isEqualTo(fallbacks + 1);
        assertThat(present("a")).isTrue();
        assertThat(present("c")).isTrue();
        assertThat(db.<Long>read(x -> x.queryLong("SELECT count(*) FROM child"))).isZero();
    }

    @Test
    void aWriteIsCommittedWhenItsCallReturns() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("q.db");
        Race.run(8, id -> {
            // a connection of its own, outside the store: it sees only what is committed
            try (Connection outside = DriverManager.getConnection(url);
                 PreparedStatement ps = outside.prepareStatement("SELECT 1 FROM items WHERE k = ?")) {
                for (int i = 0; i < 50; i++) {
                    String k = id + "-" + i;
                    assertThat(db.write(insert(k))).isTrue();
                    ps.setString(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(k).isTrue();
                    }
                }
            }
        });
    }

    @Test
    void closeFinishesQueuedWritesThenRefusesNewOnes() throws Exception {
        holdTheWriter();
        List<CompletableFuture<Boolean>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(db.submitWrite(insert("k" + i)));
        }
        Thread closer = Thread.ofPlatform().start(db::close);
        release.countDown();
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        for (CompletableFuture<Boolean> f : queued) {
            assertThat(f.join()).isTrue();
        }
        assertThatThrownBy(() -> db.write(insert("late"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> db.submitWrite(insert("late"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> present("k1")).isInstanceOf(StoreException.class);
        try (SqliteDatabase reopened = SqliteDatabase.open(SqliteConfig.defaults(dir.resolve("q.db")))) {
            assertThat(reopened.<Long>read(c -> c.queryLong("SELECT count(*) FROM items"))).isEqualTo(20L);
        }
    }

    @Test
    void sqlErrorsReachCallersAsStoreExceptions() {
        assertThatThrownBy(() -> db.write(c -> {
            c.execute("INSERT INTO no_such_table VALUES (1)");
            return null;
        })).isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> db.read(c -> c.queryLong("SELECT * FROM no_such_table")))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> db.read(c -> {
            c.execute("INSERT INTO items VALUES ('x', 'y')");
            return null;
        })).as("readers are query-only").isInstanceOf(StoreException.class);
        assertThat(db.write(insert("still-works"))).isTrue();
    }
}
